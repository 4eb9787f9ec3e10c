#!/usr/bin/env bash
# Checks the systemd units with systemd-analyze verify (installing systemd when missing).
# The units name /usr/local/bin/followup and ~/.local/bin/followup; a freshly built binary
# stands in for them here, and its manual page for the installed one (Documentation=man:followup(1),
# which verify opens with man).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v systemd-analyze >/dev/null; then
	[ "$(id -u)" = 0 ] || { echo "verify-units: systemd-analyze missing; apt-get install systemd" >&2; exit 1; }
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends systemd >&2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/followup" ./cmd/followup
mkdir -p "$tmp/units" "$tmp/runtime" "$tmp/home/.local/bin" "$tmp/man/man1"
"$tmp/followup" man >"$tmp/man/man1/followup.1"
export MANPATH=$tmp/man
cp "$tmp/followup" "$tmp/home/.local/bin/followup"
sed "s#/usr/local/bin/followup#$tmp/followup#" systemd/followup.service >"$tmp/units/followup.service"
cp systemd/followup-user.service "$tmp/units/followup-user.service"
out=$(systemd-analyze verify "$tmp/units/followup.service" 2>&1) || { echo "$out"; exit 1; }
[ -z "$out" ] || { echo "$out"; exit 1; }
out=$(HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/runtime" systemd-analyze --user verify "$tmp/units/followup-user.service" 2>&1) || { echo "$out"; exit 1; }
[ -z "$out" ] || { echo "$out"; exit 1; }
# Exposure (systemd-analyze security): the system unit at most 1.5, the user unit at most 2.0
# (what bounds each is said in the unit).
exposure() { sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p'; }
sys=$(systemd-analyze security --offline=true "$tmp/units/followup.service" 2>/dev/null | exposure)
user=$(HOME="$tmp/home" XDG_RUNTIME_DIR="$tmp/runtime" systemd-analyze --user security --offline=true "$tmp/units/followup-user.service" 2>/dev/null | exposure)
awk -v s="$sys" -v u="$user" 'BEGIN { exit !(s != "" && s <= 1.5 && u != "" && u <= 2.0) }' ||
	{ echo "verify-units: exposure ${sys:-?} (system, want at most 1.5), ${user:-?} (user, want at most 2.0)" >&2; exit 1; }
echo "systemd units: ok (systemd-analyze verify; security exposure $sys system, $user user)"
