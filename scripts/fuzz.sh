#!/usr/bin/env bash
# Runs every fuzz target of the repository for FUZZTIME each (default 10s): `make fuzz`.
#   scripts/fuzz.sh [packages…]      (default ./...; FUZZFLAGS="-parallel=1" adds flags)
# go test -fuzz takes one target of one package at a time, and `go test -list` finds the
# targets, so a new one is fuzzed without a change here. Only packages whose test files
# declare a Fuzz function are listed, as listing compiles a package's tests. No target needs
# the mail stack: it stays off.
# Go 1.26's coordinator can fail a target with a bare "context deadline exceeded" as the
# fuzz time ends (golang/go#75804, fixed in Go 1.27): such a failure that wrote no failing
# input under testdata/fuzz is reported as that race, not as a failure of the target.
set -uo pipefail
cd "$(dirname "$0")/.."
export FOLLOWUP_NO_MAILSTACK=1
fuzztime=${FUZZTIME:-10s}
read -r -a flags <<<"${FUZZFLAGS:-}"
[ $# -gt 0 ] || set -- ./...

ran=0 failed=0 raced=0
while IFS=: read -r pkg dir; do
	grep -qs '^func Fuzz' "$dir"/*_test.go || continue
	list=$(go test -list '^Fuzz' "$pkg") || { echo "fuzz.sh: cannot list $pkg" >&2; failed=$((failed + 1)); continue; }
	for target in $(grep '^Fuzz' <<<"$list"); do
		echo "== $pkg $target ($fuzztime)"
		before=$(ls "$dir/testdata/fuzz/$target" 2>/dev/null | sort)
		out=$(go test -run '^$' -fuzz "^$target\$" -fuzztime "$fuzztime" "${flags[@]}" "$pkg" 2>&1)
		status=$?
		grep -v '^fuzz: elapsed' <<<"$out"
		ran=$((ran + 1))
		[ $status = 0 ] && continue
		after=$(ls "$dir/testdata/fuzz/$target" 2>/dev/null | sort)
		if [ "$before" = "$after" ] && grep -q 'context deadline exceeded' <<<"$out" && ! grep -q 'Failing input written' <<<"$out"; then
			echo "   (no failing input: the end-of-time race of golang/go#75804, not a failure)"
			raced=$((raced + 1))
		else
			failed=$((failed + 1))
		fi
	done
done < <(go list -f '{{.ImportPath}}:{{.Dir}}' "$@")

echo "fuzz.sh: $ran targets fuzzed for $fuzztime each, $failed failed, $raced stopped by the race of golang/go#75804"
[ $ran -gt 0 ] && [ $failed = 0 ]
