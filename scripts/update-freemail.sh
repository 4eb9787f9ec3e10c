#!/usr/bin/env bash
# Refreshes policy/freemail/domains.txt from the npm package free-email-domains (MIT): the
# maintained list of public mail providers' domains. Review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent free-email-domains@latest >/dev/null && tar -xzf free-email-domains-*.tgz)
version=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' "$tmp/package/package.json")
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("\n".join(sorted({x.strip().lower() for x in d if x.strip()})))' \
	"$tmp/package/domains.json" >policy/freemail/domains.txt
cp "$tmp/package/LICENSE.md" policy/freemail/LICENSE.md 2>/dev/null || cp "$tmp/package/LICENSE" policy/freemail/LICENSE.md
sed -i "s/version [0-9.]*,/version $version,/" policy/freemail/README.md
echo "policy/freemail/domains.txt: $(wc -l <policy/freemail/domains.txt) domains from free-email-domains $version"
