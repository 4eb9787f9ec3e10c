#!/usr/bin/env bash
# Records a sample interview in a throw-away store and shows what followup will send, to whom,
# when, and by which rule. Nothing is sent; no account is needed.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v go >/dev/null || export PATH=$PATH:/usr/local/go/bin
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go build -o "$dir/followup" ./cmd/followup
echo x >"$dir/password" # nothing logs in: the shown plan needs no account
sed -e "s#store: {}#store: {path: $dir/followup.db}#" -e "s#~/.config/followup/password#$dir/password#" config.example.yaml >"$dir/config.yaml"
f() { echo "\$ followup $*" >&2; "$dir/followup" --config "$dir/config.yaml" "$@"; }
when=$(date -d '-3 hours' '+%Y-%m-%d %H:%M') # an interview that just ended
decision=$(date -d '+5 days' '+%Y-%m-%d')
f check-config
id=$(f add --company Acme --role "Backend Engineer" --at "$when" --decision-by "$decision" \
	--interviewer "Jane Doe <jane@acme.test>" --interviewer "Raj Patel <raj@acme.test>" \
	--coordinator "Sam Lee <hr@acme.test>" --points "the queue redesign; on-call culture" \
	--fit "five years of Go services" --accomplishment "cut p99 latency by 40%")
f list
f show "$id"
