#!/usr/bin/env bash
# Checks the systemd units with systemd-analyze verify (installing systemd when missing).
# The units name /usr/local/bin/followup and ~/.local/bin/followup; a freshly built binary
# stands in for them here.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v systemd-analyze >/dev/null; then
	[ "$(id -u)" = 0 ] || { echo "verify-units: systemd-analyze missing; apt-get install systemd" >&2; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd >&2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/followup" ./cmd/followup
mkdir -p "$tmp/units" "$tmp/runtime" "$tmp/home/.local/bin"
cp "$tmp/followup" "$tmp/home/.local/bin/followup"
sed "s#/usr/local/bin/followup#$tmp/followup#" systemd/followup.service >"$tmp/units/followup.service"
cp systemd/followup-user.service "$tmp/units/followup-user.service"
out=$(systemd-analyze verify "$tmp/units/followup.service" 2>&1) || { echo "$out"; exit 1; }
[ -z "$out" ] || { echo "$out"; exit 1; }
out=$(HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/runtime" systemd-analyze --user verify "$tmp/units/followup-user.service" 2>&1) || { echo "$out"; exit 1; }
[ -z "$out" ] || { echo "$out"; exit 1; }
echo "systemd units: ok (systemd-analyze verify)"
