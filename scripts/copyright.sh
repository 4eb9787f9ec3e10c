#!/usr/bin/env bash
# Prints the machine-readable (DEP-5) copyright file of the Debian package for the followup
# binary BINARY: followup's own licence (LICENSE), then the Go standard library and each Go
# module compiled into it, as `go version -m BINARY` lists them, each with the licence read
# from its LICENSE file in the module cache. A module whose licence is not recognised fails
# the build, so that a new dependency is read by a person before it is shipped. Test data
# (the Sisimai bounce corpus in testdata/corpus) is not in the package and not listed.
set -euo pipefail
bin=$1
cd "$(dirname "$0")/.."
command -v go >/dev/null || export PATH=$PATH:/usr/local/go/bin

# licence_name FILE: the DEP-5 short name of the licence text in FILE.
licence_name() {
	local t
	t=$(tr -s ' \n\t' ' ' <"$1")
	case $t in
	*"Apache License"*"Version 2.0"*) echo Apache-2.0 ;;
	*"Mozilla Public License"*"2.0"*) echo MPL-2.0 ;;
	*"Permission is hereby granted, free of charge"*) echo Expat ;;
	*"Permission to use, copy, modify, and/or distribute"*) echo ISC ;;
	*"Redistribution and use in source and binary forms"*"Neither the name"*) echo BSD-3-clause ;;
	*"Redistribution and use in source and binary forms"*"names of its contributors may"*) echo BSD-3-clause ;;
	*"Redistribution and use in source and binary forms"*) echo BSD-2-clause ;;
	*) return 1 ;;
	esac
}

# holders FILE...: the copyright lines of the files, without "Copyright (c)", one per line.
holders() {
	grep -h -i -E '^[[:space:]]*(copyright|\(c\))[[:space:]]+(\(c\)[[:space:]]+|©[[:space:]]+)?[0-9]' "$@" 2>/dev/null |
		sed -E 's/^[[:space:]]*([Cc]opyright|\([Cc]\))[[:space:]]+(\([Cc]\)[[:space:]]+|©[[:space:]]+)?//; s/[[:space:]]+$//' | sort -u || true
}

# field NAME VALUE...: a DEP-5 field whose value has one line per argument.
field() {
	local name=$1
	shift
	printf '%s: %s\n' "$name" "$1"
	shift
	local l
	for l in "$@"; do printf ' %s\n' "$l"; done
}

# licence SHORTNAME FILE: the License field, with the text (blank lines as " .") or, for a
# licence Debian ships in /usr/share/common-licenses, a pointer to it.
licence() {
	case $1 in
	Apache-2.0 | MPL-2.0)
		printf 'License: %s\n On Debian systems, the full text of this licence is in\n /usr/share/common-licenses/%s.\n' "$1" "$1"
		;;
	*)
		printf 'License: %s\n' "$1"
		sed -e 's/[[:space:]]*$//' -e 's/^$/./' -e 's/^/ /' "$2" | sed -e '1{/^ \.$/d}'
		;;
	esac
}

# The years of the commits (outside a checkout: of the newest file).
years=$({ git -c safe.directory='*' log --format=%cd --date=format:%Y 2>/dev/null || true; } | sort -u | sed -n '1p;$p' | paste -sd- | sed 's/^\([0-9]*\)-\1$/\1/')
[ -n "$years" ] || years=$(date -u -r "$(ls -t | head -1)" +%Y)
cat <<HEAD
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: followup
Source: https://github.com/followupd/followup
Comment: This package holds one program, /usr/bin/followup, a static build of followup
 with the Go standard library and the Go modules it uses; the paragraphs after the first
 list those, as \`go version -m /usr/bin/followup\` does, under the paths \`go mod vendor\`
 would give them. The bounce corpus followup is tested with (Sisimai, BSD-2-clause, in the
 source's testdata/corpus) is not in this package.

Files: *
Copyright: $years The followup authors
HEAD
licence "$(licence_name LICENSE)" LICENSE
echo

goroot=$(go env GOROOT)
gover=$(go version "$bin" | awk '{print $2}')
echo "Files: go/*"
mapfile -t h < <(holders "$goroot/LICENSE")
field Copyright "${h[@]:-The Go Authors}"
echo "Comment: the Go standard library and runtime ($gover), compiled in."
licence "$(licence_name "$goroot/LICENSE")" "$goroot/LICENSE"

expat_needed=$(mktemp -u)
trap 'rm -f "$expat_needed"' EXIT
tags=$(go version -m "$bin" | sed -n 's/^[[:space:]]*build[[:space:]]*-tags=//p')
go version -m "$bin" | awk '$1 == "dep" { print $2, $3 } $1 == "=>" { print "replaced" }' | while read -r path version; do
	[ "$path" != replaced ] || { echo "copyright: replaced modules are not handled" >&2; exit 1; }
	dir=$(go mod download -json "$path@$version" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",*$/\1/p')
	lic=$(ls "$dir"/LICENSE* "$dir"/LICENCE* "$dir"/COPYING* 2>/dev/null | head -1 || true)
	[ -n "$lic" ] || { echo "copyright: $path@$version has no LICENSE file" >&2; exit 1; }
	name=$(licence_name "$lic") || { echo "copyright: $path@$version: licence in $lic not recognised; add it to scripts/copyright.sh" >&2; exit 1; }
	mapfile -t h < <(holders "$lic" "$dir"/NOTICE* "$dir"/AUTHORS)
	echo
	echo "Files: vendor/$path/*"
	field Copyright "${h[@]:-The authors of $path}"
	notice=$(ls "$dir"/NOTICE* 2>/dev/null | head -1 || true)
	if [ -n "$notice" ] && grep -q -i "MIT license" "$notice"; then
		# Files under another licence, as its NOTICE says (go-yaml's port of libyaml is MIT):
		# the NOTICE is quoted, and Expat's text follows at the end.
		echo "Comment: Go module $path $version, compiled in. Its NOTICE:"
		sed -e 's/[[:space:]]*$//' -e 's/^$/./' -e 's/^/ /' "$notice"
		if [ "$name" = Apache-2.0 ]; then
			printf 'License: Apache-2.0 and Expat
 On Debian systems, the full text of the Apache License 2.0 is in
 /usr/share/common-licenses/Apache-2.0; the text of Expat is below.
'
		else
			printf 'License: %s and Expat
' "$name"
			sed -e 's/[[:space:]]*$//' -e 's/^$/./' -e 's/^/ /' "$lic"
		fi
		touch "$expat_needed"
	else
		echo "Comment: Go module $path $version, compiled in."
		licence "$name" "$lic"
	fi
	if [ "$path" = github.com/mattn/go-sqlite3 ] && [[ ",$tags," != *,libsqlite3,* ]]; then
		# The SQLite amalgamation it bundles is compiled in unless built against libsqlite3.
		echo
		echo "Files: vendor/$path/sqlite3-binding.c vendor/$path/sqlite3-binding.h"
		echo "Copyright: none: the authors of SQLite dedicated it to the public domain"
		echo "Comment: the SQLite amalgamation, compiled in."
		printf 'License: public-domain\n The author disclaims copyright to this source code.  In place of\n a legal notice, here is a blessing:\n .\n    May you do good and not evil.\n    May you find forgiveness for yourself and forgive others.\n    May you share freely, never taking more than you give.\n'
	fi
done
if [ -e "$expat_needed" ]; then
	cat <<'EXPAT'

License: Expat
 Permission is hereby granted, free of charge, to any person obtaining a copy
 of this software and associated documentation files (the "Software"), to deal
 in the Software without restriction, including without limitation the rights
 to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 copies of the Software, and to permit persons to whom the Software is
 furnished to do so, subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in
 all copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
 THE SOFTWARE.
EXPAT
fi
