#!/usr/bin/env bash
# Builds dist/followup_VERSION_ARCH.deb with dpkg-deb: the binary, both systemd units (run from
# /usr/bin), the manual page, shell completions, the example configuration and the README.
# With --install (as root, on a machine that may be changed: CI), installs it with dpkg -i and
# checks what was installed: systemd-analyze verify on both units, systemd-analyze security
# on the system unit (at most 1.5), man finds the page; then removes it again.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v go >/dev/null || export PATH=$PATH:/usr/local/go/bin
version=$( (git describe --tags --always 2>/dev/null || true) | sed 's/^v//; s/[^0-9A-Za-z.+~-]/-/g')
case $version in [0-9]*) ;; *) version="0.0.0+git.${version:-unknown}" ;; esac
arch=$(dpkg --print-architecture 2>/dev/null || go env GOARCH)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/DEBIAN" "$root/usr/bin" "$root/usr/lib/systemd/system" "$root/usr/lib/systemd/user" \
	"$root/usr/share/man/man1" "$root/usr/share/doc/followup" "$root/usr/share/bash-completion/completions" \
	"$root/usr/share/zsh/vendor-completions" "$root/usr/share/fish/vendor_completions.d"
CGO_ENABLED=1 go build -trimpath -ldflags "-s -w -X github.com/followupd/followup/cli.Version=$version" -o "$root/usr/bin/followup" ./cmd/followup
sed 's#/usr/local/bin/followup#/usr/bin/followup#' systemd/followup.service >"$root/usr/lib/systemd/system/followup.service"
sed 's#%h/.local/bin/followup#/usr/bin/followup#' systemd/followup-user.service >"$root/usr/lib/systemd/user/followup.service"
"$root/usr/bin/followup" man | gzip -9n >"$root/usr/share/man/man1/followup.1.gz"
"$root/usr/bin/followup" completion bash >"$root/usr/share/bash-completion/completions/followup"
"$root/usr/bin/followup" completion zsh >"$root/usr/share/zsh/vendor-completions/_followup"
"$root/usr/bin/followup" completion fish >"$root/usr/share/fish/vendor_completions.d/followup.fish"
cp config.example.yaml README.md "$root/usr/share/doc/followup/"
cp LICENSE "$root/usr/share/doc/followup/copyright"
cat >"$root/DEBIAN/control" <<CONTROL
Package: followup
Version: $version
Architecture: $arch
Maintainer: followup <followup@localhost>
Depends: libc6
Section: mail
Priority: optional
Homepage: https://github.com/followupd/followup
Description: follow up after job interviews, by email, with your approval
 followup drafts a thank-you to each interviewer and check-ins when nothing is heard,
 asks you to approve each by email, sends them over SMTP inside polite hours, and stops
 the moment the company replies.
CONTROL
find "$root" -type d -exec chmod 0755 {} +
mkdir -p dist
deb="dist/followup_${version}_${arch}.deb"
dpkg-deb --root-owner-group --build "$root" "$deb" >/dev/null
echo "package: $deb"
contents=$(dpkg-deb --contents "$deb")
for f in usr/bin/followup usr/lib/systemd/system/followup.service usr/lib/systemd/user/followup.service usr/share/man/man1/followup.1.gz; do
	grep -q " ./$f\$" <<<"$contents" || { echo "package: $f is missing" >&2; exit 1; }
done

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
