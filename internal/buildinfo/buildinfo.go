// Package buildinfo is the one source of followup's version: what --version, version --json,
// the daemon's first log line, the manual page and the Debian package all show.
//
// The version is, in this order: the one stamped at build time by scripts/package.sh
// (-ldflags "-X github.com/followupd/followup/internal/buildinfo.version=…"), computed by
// scripts/version.sh; else the main module's version Go records in the binary (a tag, or a
// pseudo-version for `go install …@commit` and builds in a checkout); else the commit Go
// records (vcs.time, vcs.revision); else "0.0.0~dev". Every form is a Debian version that
// dpkg sorts in commit order: a tag vX.Y.Z is X.Y.Z, a commit after it X.Y.Z+git<date>.<hash>,
// a commit before any tag 0.0.0~git<date>.<hash>, with the commit date in UTC as
// YYYYMMDDHHMMSS so that successive commits sort by date whatever their hashes begin with.
package buildinfo

import (
	"runtime/debug"
	"strings"
	"time"
)

// Stamped at build time with -ldflags -X; empty in a plain `go build` or `go run`.
var (
	version  string
	revision string
)

// Unknown is the version of a binary built with no stamp and no VCS information (`go run`,
// -buildvcs=false): below every version a commit or a tag gives.
const Unknown = "0.0.0~dev"

// hashLen is how much of the commit hash a version carries: as much as a Go pseudo-version,
// so that both forms name the commit alike.
const hashLen = 12

// Info is the version and the commit it was built from ("" when unknown).
type Info struct {
	Version  string
	Revision string
}

// Read is this binary's version and revision.
func Read() Info {
	bi, _ := debug.ReadBuildInfo()
	return From(version, revision, bi)
}

// Version is this binary's version.
func Version() string { return Read().Version }

// From is the version given what was stamped and what Go recorded (bi may be nil).
func From(stampedVersion, stampedRevision string, bi *debug.BuildInfo) Info {
	var info Info
	var vcsTime, vcsRev string
	var modified bool
	if bi != nil {
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				vcsRev = s.Value
			case "vcs.time":
				vcsTime = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	info.Revision = short(firstOf(stampedRevision, vcsRev))
	switch {
	case stampedVersion != "":
		info.Version = stampedVersion
	case bi != nil && bi.Main.Version != "" && bi.Main.Version != "(devel)":
		info.Version = FromModuleVersion(bi.Main.Version)
		if info.Revision == "" {
			info.Revision = pseudoRevision(bi.Main.Version)
		}
	case vcsRev != "":
		if t, err := time.Parse(time.RFC3339, vcsTime); err == nil {
			info.Version = FromCommit(t, vcsRev, modified)
		}
	}
	if info.Version == "" {
		info.Version = Unknown
	}
	return info
}

// FromCommit is the version of a commit after no tag: 0.0.0~git<commit date, UTC>.<hash>,
// with +dirty when the tree had changes not committed.
func FromCommit(committed time.Time, rev string, modified bool) string {
	v := "0.0.0~git" + committed.UTC().Format("20060102150405") + "." + short(rev)
	if modified {
		v += "+dirty"
	}
	return v
}

// FromModuleVersion turns a Go module version into the Debian version of the same commit:
// v1.2.3 → 1.2.3, v1.2.3-rc.1 → 1.2.3~rc.1 (before 1.2.3, as Go orders it), and a pseudo-version
// into the forms scripts/version.sh gives: v0.0.0-T-H → 0.0.0~gitT.H, v1.2.4-0.T-H (after the
// tag v1.2.3) → 1.2.3+gitT.H, v1.2.3-rc.1.0.T-H (after v1.2.3-rc.1) → 1.2.3~rc.1+gitT.H.
// Go's "+dirty" and "+incompatible" build suffixes are kept; dpkg accepts "+".
func FromModuleVersion(v string) string {
	v = strings.TrimPrefix(v, "v")
	v, build, _ := strings.Cut(v, "+")
	if build != "" {
		build = "+" + build
	}
	core, pre, _ := strings.Cut(v, "-")
	if ts, rev, base, ok := splitPseudo(pre); ok {
		snapshot := "git" + ts + "." + rev
		switch {
		case base == "": // vX.0.0-T-H: no tag before it
			return core + "~" + snapshot + build
		case base == "0": // vX.Y.(Z+1)-0.T-H: after the release vX.Y.Z
			if release, ok := decrementPatch(core); ok {
				return release + "+" + snapshot + build
			}
			return core + "~0+" + snapshot + build // not Go's form (Z+1 = 0): still before vX.Y.0
		default: // vX.Y.Z-pre.0.T-H: after the prerelease vX.Y.Z-pre
			return core + "~" + strings.TrimSuffix(base, ".0") + "+" + snapshot + build
		}
	}
	if pre != "" {
		return core + "~" + pre + build
	}
	return core + build
}

// splitPseudo splits the prerelease part of a pseudo-version ("T-H", "0.T-H" or "pre.0.T-H")
// into its timestamp, its hash and what precedes the timestamp ("", "0", "pre.0").
func splitPseudo(pre string) (ts, rev, base string, ok bool) {
	i := strings.LastIndex(pre, "-")
	if i < 0 || len(pre)-i-1 != hashLen || !isHex(pre[i+1:]) {
		return "", "", "", false
	}
	rev, rest := pre[i+1:], pre[:i]
	if j := strings.LastIndex(rest, "."); j >= 0 {
		base, rest = rest[:j], rest[j+1:]
	}
	if len(rest) != 14 || strings.Trim(rest, "0123456789") != "" {
		return "", "", "", false
	}
	if base != "" && base != "0" && !strings.HasSuffix(base, ".0") {
		return "", "", "", false
	}
	return rest, rev, base, true
}

func pseudoRevision(v string) string {
	v, _, _ = strings.Cut(strings.TrimPrefix(v, "v"), "+")
	_, pre, _ := strings.Cut(v, "-")
	if _, rev, _, ok := splitPseudo(pre); ok {
		return rev
	}
	return ""
}

// decrementPatch is X.Y.(Z-1) for X.Y.Z, Z > 0: the release a Go pseudo-version
// vX.Y.Z-0.T-H follows.
func decrementPatch(core string) (string, bool) {
	i := strings.LastIndex(core, ".")
	if i < 0 || strings.Trim(core[i+1:], "0") == "" || strings.Trim(core[i+1:], "0123456789") != "" {
		return "", false
	}
	p := []byte(core[i+1:])
	for k := len(p) - 1; k >= 0; k-- {
		if p[k] > '0' {
			p[k]--
			break
		}
		p[k] = '9'
	}
	s := strings.TrimLeft(string(p), "0")
	if s == "" {
		s = "0"
	}
	return core[:i+1] + s, true
}

func isHex(s string) bool {
	return strings.Trim(s, "0123456789abcdef") == ""
}

func short(rev string) string {
	if len(rev) > hashLen {
		return rev[:hashLen]
	}
	return rev
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
