#!/usr/bin/env bash
# Prints the version of the source tree DIR (default: this repository) as a Debian version that
# dpkg sorts in commit order; internal/buildinfo computes the same from what Go records, and its
# tests hold the two together:
#   HEAD tagged vX.Y.Z (or vX.Y.Z-rc.1)   X.Y.Z (X.Y.Z~rc.1, which sorts before X.Y.Z)
#   a commit after the tag vX.Y.Z         X.Y.Z+git<commit date>.<hash>
#   a commit before any tag               0.0.0~git<commit date>.<hash>
#   not a git checkout                    0.0.0~git<date of its newest file>.nogit
# The commit date is the committer's, in UTC, as YYYYMMDDHHMMSS: successive commits sort by it
# whatever their hashes begin with. The hash has 12 digits, as in a Go pseudo-version; "+dirty"
# follows when the tree has changes not committed. FOLLOWUP_VERSION, when set, wins (a
# distributor building a release from a tarball).
set -euo pipefail
dir=${1:-"$(dirname "$0")/.."}
if [ -n "${FOLLOWUP_VERSION:-}" ]; then
	echo "$FOLLOWUP_VERSION"
	exit 0
fi
# Only the repository's metadata is read, and its code is about to be built anyway: a checkout
# owned by another user (root building a user's clone) is read rather than refused.
g() { git -c safe.directory='*' -C "$dir" "$@"; }
if ! g rev-parse --git-dir >/dev/null 2>&1 || ! g rev-parse --verify -q HEAD >/dev/null; then
	newest=$(find "$dir" -path "$dir/.git" -prune -o -path "$dir/dist" -prune -o -type f -printf '%T@\n' | sort -n | tail -1)
	echo "0.0.0~git$(TZ=UTC date -d "@${newest%.*}" +%Y%m%d%H%M%S).nogit"
	exit 0
fi
debian() { sed 's/^v//; s/-/~/'; } # v1.2.3-rc.1 -> 1.2.3~rc.1
dirty=
[ -z "$(g status --porcelain 2>/dev/null)" ] || dirty=+dirty
if tag=$(g describe --tags --exact-match --match 'v[0-9]*' HEAD 2>/dev/null); then
	echo "$(debian <<<"$tag")$dirty"
	exit 0
fi
snapshot="git$(TZ=UTC g log -1 --format=%cd --date=format-local:%Y%m%d%H%M%S HEAD).$(g rev-parse HEAD | cut -c1-12)"
if tag=$(g describe --tags --abbrev=0 --match 'v[0-9]*' HEAD 2>/dev/null); then
	echo "$(debian <<<"$tag")+$snapshot$dirty"
else
	echo "0.0.0~$snapshot$dirty"
fi
