#!/usr/bin/env bash
# Prints followup's performance and reliability figures (README: "Performance and
# reliability"), measured against the real Dovecot and Postfix on loopback.
#   scripts/bench.sh          the small sizes, as CI runs them (about 2 minutes)
#   scripts/bench.sh --full   the full sizes of the README's table (about 40 minutes)
# A broken invariant (a duplicate, a lost draft, a missed reply) fails it; a figure that
# misses its goal is printed as NOT MET.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v go >/dev/null; then export PATH=$PATH:/usr/local/go/bin; fi
[ "$(id -u)" = 0 ] && scripts/mailstack.sh install

args=() timeout=20m
if [ "${1:-}" = --full ]; then args=(-args -full) timeout=3h; fi

echo "== planner tick and digest, 10,000 applications (go test -bench, assistant package)"
go test -run XXX -bench 'Tick|Replan|Digest' -benchtime 10x ./assistant |
	awk '/^Benchmark/ { printf "%-28s %8.1f ms\n", $1, $3 / 1e6 }'

echo "== planning with bookmarks changes nothing: three seeds of seven weeks (scripts/test.sh runs a short sample)"
go test -count=1 -run 'TestPlan_BookmarksChangeNothing$' ./assistant

echo "== against Dovecot and Postfix (go test ./bench ${args[*]})"
CI=true go test -count=1 -v -timeout "$timeout" ./bench "${args[@]}" | tee /tmp/followup-bench.log |
	grep -E '^(followup figures|\| )|FIGURE|^--- FAIL|^(ok|FAIL)'
