#!/usr/bin/env bash
# Builds dist/followup_VERSION_ARCH.deb with dpkg-deb: the binary, both systemd units (run from
# /usr/bin), the manual page, shell completions, the example configuration and the README, with
# a Debian changelog and a machine-readable copyright file (scripts/copyright.sh).
# VERSION is scripts/version.sh's, stamped into the binary: --version, the daemon's first log
# line, the manual page and the package say the same, which is checked here.
# The Maintainer is the author of the repository's root commit (outside a git checkout:
# $DEBFULLNAME <$DEBEMAIL>, as dch takes them).
# With --install (as root, on a machine that may be changed: CI), installs it with dpkg -i and
# checks what was installed: systemd-analyze verify on both units, systemd-analyze security
# on the system unit (at most 1.5), man finds the page; then removes it again.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v go >/dev/null || export PATH=$PATH:/usr/local/go/bin
version=$(scripts/version.sh)
g() { git -c safe.directory='*' "$@" 2>/dev/null; } # see scripts/version.sh
if revision=$(g rev-parse --verify -q HEAD); then
	maintainer=$(g log --max-parents=0 --format='%an <%ae>' HEAD | tail -1)
	built=$(g log -1 --format=%ct HEAD)
	change="Built from commit $revision:
$(g log -1 --format=%s HEAD | fold -s -w 72 | sed 's/ *$//; s/^/    /')$([ -z "$(g status --porcelain)" ] || printf '\n    (with changes not committed)')"
else
	revision=
	[ -n "${DEBEMAIL:-}" ] || { echo "package: not a git checkout: set DEBFULLNAME and DEBEMAIL for the Maintainer field" >&2; exit 1; }
	maintainer="${DEBFULLNAME:-$DEBEMAIL} <$DEBEMAIL>"
	built=$(find . -path ./.git -prune -o -path ./dist -prune -o -type f -printf '%T@\n' | sort -n | tail -1 | cut -d. -f1)
	change="Built from a source tree outside git."
fi
arch=$(dpkg --print-architecture 2>/dev/null || go env GOARCH)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/lib/systemd/system" "$root/usr/lib/systemd/user" \
	"$root/usr/share/man/man1" "$root/usr/share/doc/followup" "$root/usr/share/bash-completion/completions" \
	"$root/usr/share/zsh/vendor-completions" "$root/usr/share/fish/vendor_completions.d"
bi=github.com/followupd/followup/internal/buildinfo
CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X $bi.version=$version -X $bi.revision=$revision" -o "$root/usr/bin/followup" ./cmd/followup
sed 's#/usr/local/bin/followup#/usr/bin/followup#' systemd/followup.service >"$root/usr/lib/systemd/system/followup.service"
sed 's#%h/.local/bin/followup#/usr/bin/followup#' systemd/followup-user.service >"$root/usr/lib/systemd/user/followup.service"
"$root/usr/bin/followup" man | gzip -9n >"$root/usr/share/man/man1/followup.1.gz"
"$root/usr/bin/followup" completion bash >"$root/usr/share/bash-completion/completions/followup"
"$root/usr/bin/followup" completion zsh >"$root/usr/share/zsh/vendor-completions/_followup"
"$root/usr/bin/followup" completion fish >"$root/usr/share/fish/vendor_completions.d/followup.fish"
# README.md stays uncompressed: the units' Documentation= and the command's messages name it.
cp config.example.yaml README.md "$root/usr/share/doc/followup/"
scripts/copyright.sh "$root/usr/bin/followup" >"$root/usr/share/doc/followup/copyright"
# The changelog of this build, dated by its commit, so that a rebuild of it is byte for byte the same.
cat <<CHANGELOG | gzip -9n >"$root/usr/share/doc/followup/changelog.Debian.gz"
followup ($version) unstable; urgency=medium

  * $change

 -- $maintainer  $(LC_ALL=C date -u -R -d "@$built")
CHANGELOG
# libc6 from the newest glibc symbol version the binary needs, as dpkg-shlibdeps would put it.
glibc=$(objdump -T "$root/usr/bin/followup" 2>/dev/null | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1 || true)
depends="libc6${glibc:+ (>= $glibc)}"
cat >"$root/DEBIAN/control" <<CONTROL
Package: followup
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $(du -sk --apparent-size "$root/usr" | cut -f1)
Depends: $depends
Section: mail
Priority: optional
Homepage: https://github.com/followupd/followup
Description: follow up after job interviews, by email, with your approval
 followup drafts a thank-you to each interviewer and check-ins when nothing is heard,
 asks you to approve each by email, sends them over SMTP inside polite hours, and stops
 the moment the company replies.
CONTROL
find "$root" -type d -exec chmod 0755 {} +
find "$root/usr" -type f -exec chmod 0644 {} + && chmod 0755 "$root/usr/bin/followup"
(cd "$root" && find usr -type f -print0 | LC_ALL=C sort -z | xargs -0 md5sum) >"$root/DEBIAN/md5sums"
find "$root" -exec touch -h -d "@$built" {} + # dated by the commit: a rebuild is the same
mkdir -p dist
deb="dist/followup_${version}_${arch}.deb"
SOURCE_DATE_EPOCH=$built dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "package: $deb"
contents=$(dpkg-deb --contents "$deb")
for f in usr/bin/followup usr/lib/systemd/system/followup.service usr/lib/systemd/user/followup.service usr/share/man/man1/followup.1.gz; do
	grep -q " ./$f\$" <<<"$contents" || { echo "package: $f is missing" >&2; exit 1; }
done
# One version: the package's, the binary's, the manual page's.
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || { echo "package: Version is not $version" >&2; exit 1; }
"$root/usr/bin/followup" --version | grep -qF -- "$version" || { echo "package: followup --version does not say $version" >&2; exit 1; }
zcat "$root/usr/share/man/man1/followup.1.gz" | grep '^\.TH' | sed 's/\\-/-/g' | grep -qF -- "$version" ||
	{ echo "package: the manual page's header does not say $version" >&2; exit 1; }

[ "${1:-}" = --install ] || exit 0
[ "$(id -u)" = 0 ] || { echo "package --install: run as root" >&2; exit 1; }
dpkg -i "$deb" >/dev/null
trap 'dpkg -r followup >/dev/null 2>&1 || true; rm -rf "$root"' EXIT
/usr/bin/followup --version
out=$(systemd-analyze verify /usr/lib/systemd/system/followup.service 2>&1) || { echo "$out"; exit 1; }
[ -z "$out" ] || { echo "$out"; exit 1; }
out=$(HOME=/tmp XDG_RUNTIME_DIR=$root systemd-analyze --user verify /usr/lib/systemd/user/followup.service 2>&1) || { echo "$out"; exit 1; }
[ -z "$out" ] || { echo "$out"; exit 1; }
score=$(systemd-analyze security --offline=true /usr/lib/systemd/system/followup.service 2>/dev/null | sed -n 's/.*Overall exposure level for followup.service: \([0-9.]*\).*/\1/p')
awk -v s="$score" 'BEGIN { exit !(s != "" && s <= 1.5) }' || { echo "package: systemd-analyze security says ${score:-nothing}, want at most 1.5" >&2; exit 1; }
if command -v man >/dev/null; then man -w followup >/dev/null || { echo "package: man does not find followup(1)" >&2; exit 1; }; fi
echo "package: installed and checked (security exposure $score)"
