#!/usr/bin/env bash
# Runs every check and test of followup, installing what it needs:
#   Debian's Dovecot and Postfix for the integration tests (as root), and staticcheck.
# Integration tests start a private mail stack on loopback (scripts/mailstack.sh); they need
# root. Under CI=true a test that cannot start the stack fails instead of skipping.
# MAILSTACK_IMAP=cyrus runs them against Cyrus IMAP instead of Dovecot (installing it).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v go >/dev/null; then
	[ -x /usr/local/go/bin/go ] && export PATH=$PATH:/usr/local/go/bin || { echo "test.sh: Go is not installed" >&2; exit 1; }
fi
export PATH=$PATH:$(go env GOPATH)/bin

if [ "$(id -u)" = 0 ]; then
	scripts/mailstack.sh install
	# cgo's compiler, and Debian's SQLite for the quicker first run the README offers (-tags libsqlite3)
	{ command -v gcc && [ -e /usr/include/sqlite3.h ]; } >/dev/null || { apt-get update -qq && apt-get install -y -qq gcc libsqlite3-dev; }
else
	echo "test.sh: not root: the integration tests against Dovecot and Postfix will be skipped" >&2
fi

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
	echo "not gofmt-formatted:"; echo "$unformatted"; exit 1
fi
echo "== go vet"
go vet ./...
echo "== staticcheck"
if ! command -v staticcheck >/dev/null; then
	go install honnef.co/go/tools/cmd/staticcheck@v0.8.2
fi
staticcheck ./...
echo "== systemd units"
scripts/verify-units.sh
echo "== package"
if [ "${CI:-}" = true ] && [ "$(id -u)" = 0 ] && command -v dpkg >/dev/null; then
	scripts/package.sh --install # CI's machine may be changed: install, check, remove
elif command -v dpkg-deb >/dev/null; then
	scripts/package.sh
else
	echo "package: dpkg-deb missing; skipped"
fi
echo "== Debian's SQLite (-tags libsqlite3)"
if [ -e /usr/include/sqlite3.h ]; then
	# The README's quicker first run links it instead of compiling SQLite: the demo and the
	# store work on it.
	go run -tags libsqlite3 ./cmd/followup demo >/dev/null
	go test -tags libsqlite3 -count=1 ./store/...
else
	echo "libsqlite3-dev missing; skipped"
fi
shift_note=""
[ -n "${FOLLOWUP_TEST_CLOCK_SHIFT:-}" ] && shift_note=", followup's clock moved by $FOLLOWUP_TEST_CLOCK_SHIFT"
echo "== go test (IMAP: ${MAILSTACK_IMAP:-dovecot}$shift_note)"
# -short: the simulations that prove nothing new on each run take a sample (scripts/bench.sh
# runs them whole). The summary's last lines count the skipped tests and say why.
go build -o /tmp/followup-testsummary.$$ ./internal/tools/testsummary
# bench/ runs without -race: its figures measure speed, which the race detector distorts
# several times over, and go-imap v2.0.0-beta.8 races inside FetchMessageData.Collect when a
# watcher's stall guard closes the connection mid-FETCH (seen on Cyrus in TestFigureCatchUp);
# the same code paths run under -race in daemon/ and inbox/.
rc=$(mktemp)
trap 'rm -f /tmp/followup-testsummary.$$ "$rc"' EXIT
set +e
{
	go test -json -short -race -shuffle=on -count=1 -timeout 20m "$@" $(go list ./... | grep -v '/bench$')
	echo $? >"$rc"
	go test -json -short -shuffle=on -count=1 -timeout 20m "$@" ./bench
	echo $? >>"$rc"
} | /tmp/followup-testsummary.$$
summary=$?
set -e
[ "$summary" = 0 ] && [ "$(sort -u "$rc" | tr -d '\n')" = 0 ]
