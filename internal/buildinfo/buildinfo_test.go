package buildinfo

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func TestFromModuleVersion(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"v1.2.3", "1.2.3"},
		{"v1.2.3-rc.1", "1.2.3~rc.1"},
		{"v0.0.0-20261207021000-4b72d71205b6", "0.0.0~git20261207021000.4b72d71205b6"},
		{"v0.0.0-20261207021000-4b72d71205b6+dirty", "0.0.0~git20261207021000.4b72d71205b6+dirty"},
		{"v1.2.4-0.20261207021000-abcdef012345", "1.2.3+git20261207021000.abcdef012345"},
		{"v1.3.0-0.20261207021000-abcdef012345", "1.3.0~0+git20261207021000.abcdef012345"}, // not Go's form: no vX.Y.-1
		{"v1.2.10-0.20261207021000-abcdef012345", "1.2.9+git20261207021000.abcdef012345"},
		{"v1.2.3-rc.1.0.20261207021000-abcdef012345", "1.2.3~rc.1+git20261207021000.abcdef012345"},
		{"v2.0.0+incompatible", "2.0.0+incompatible"},
		{"v1.0.0-beta-2", "1.0.0~beta-2"}, // a prerelease with a dash, not a pseudo-version
	} {
		if got := FromModuleVersion(tc.in); got != tc.want {
			t.Errorf("FromModuleVersion(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFrom(t *testing.T) {
	vcs := []debug.BuildSetting{
		{Key: "vcs", Value: "git"},
		{Key: "vcs.revision", Value: "4b72d71205b6a1c2d3e4f5061728394a5b6c7d8e"},
		{Key: "vcs.time", Value: "2026-12-07T02:09:56Z"},
		{Key: "vcs.modified", Value: "false"},
	}
	for _, tc := range []struct {
		name           string
		stamped, stRev string
		bi             *debug.BuildInfo
		want           Info
	}{
		{"the stamp wins", "1.2.3", "0123456789abcdef", &debug.BuildInfo{Main: debug.Module{Version: "v9.9.9"}, Settings: vcs},
			Info{"1.2.3", "0123456789ab"}},
		{"the module version, the revision from vcs", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}, Settings: vcs},
			Info{"1.2.3", "4b72d71205b6"}},
		{"a pseudo-version names its commit", "", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207020956-4b72d71205b6"}},
			Info{"0.0.0~git20261207020956.4b72d71205b6", "4b72d71205b6"}},
		{"(devel): the commit Go recorded", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs},
			Info{"0.0.0~git20261207020956.4b72d71205b6", "4b72d71205b6"}},
		{"a tree with changes", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: append(vcs[:3:3], debug.BuildSetting{Key: "vcs.modified", Value: "true"})},
			Info{"0.0.0~git20261207020956.4b72d71205b6+dirty", "4b72d71205b6"}},
		{"nothing recorded (go run)", "", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, Info{Unknown, ""}},
		{"no build information", "", "", nil, Info{Unknown, ""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := From(tc.stamped, tc.stRev, tc.bi); got != tc.want {
				t.Errorf("From = %+v, want %+v", got, tc.want)
			}
		})
	}
}

// Two builds from successive commits must not look like a downgrade to dpkg, whatever their
// hashes begin with (a hash beginning with a digit once sorted after every later one).
func TestFromCommit_SortsInCommitOrder(t *testing.T) {
	first := time.Date(2026, 12, 6, 23, 59, 59, 0, time.FixedZone("CET", 3600))
	versions := []string{
		Unknown,
		FromCommit(first, "ffffffffffff0000", false),
		FromCommit(first.Add(time.Second), "0000000000001111", false),
		FromCommit(first.Add(time.Second), "0000000000001111", true),
		FromCommit(first.Add(time.Hour), "4b72d71205b6", false),
		FromCommit(first.Add(time.Hour+time.Minute), "a4b72d71205b", false),
		FromModuleVersion("v0.1.0-rc.1"),
		FromModuleVersion("v0.1.0-rc.1.0.20261208000000-abcdef012345"),
		FromModuleVersion("v0.1.0"),
		FromModuleVersion("v0.1.1-0.20261209000000-0bcdef012345"),
		FromModuleVersion("v0.1.1-0.20261209000001-abcdef012345"),
		FromModuleVersion("v0.1.1"),
	}
	if got, want := versions[1], "0.0.0~git20261206225959.ffffffffffff"; got != want {
		t.Fatalf("FromCommit = %q, want %q (the commit date in UTC)", got, want)
	}
	assertAscending(t, versions)
}

// scripts/version.sh, which stamps the package, gives what this package gives for the same
// commits, and its versions ascend with the commits: before any tag, at a tag, after it, with
// changes not committed, and outside a checkout.
func TestVersionScript(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	script, err := filepath.Abs("../../scripts/version.sh")
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	dir := filepath.Join(base, "src")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1", "GIT_CEILING_DIRECTORIES="+base,
		"GIT_AUTHOR_NAME=A", "GIT_AUTHOR_EMAIL=a@example.test", "GIT_COMMITTER_NAME=A", "GIT_COMMITTER_EMAIL=a@example.test",
		"FOLLOWUP_VERSION=")
	run := func(extraEnv []string, name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, append(env, extraEnv...)
		out, err := cmd.Output()
		if err != nil {
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				t.Fatalf("%s %v: %v: %s", name, args, err, ee.Stderr)
			}
			t.Fatalf("%s %v: %v", name, args, err)
		}
		return strings.TrimSpace(string(out))
	}
	version := func() string { t.Helper(); return run(nil, script, dir) }

	// Outside a checkout: the date of the newest file.
	newest := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	if err := os.WriteFile(filepath.Join(dir, "f"), []byte("0"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(filepath.Join(dir, "f"), newest, newest); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(dir, newest.Add(-time.Hour), newest.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	versions := []string{version()}
	if want := "0.0.0~git20261201080000.nogit"; versions[0] != want {
		t.Errorf("outside a checkout: %q, want %q", versions[0], want)
	}

	run(nil, "git", "init", "-q")
	when := time.Date(2026, 12, 7, 3, 9, 56, 0, time.FixedZone("CET", 3600)) // 02:09:56 UTC
	commit := func(content string) (rev string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, "f"), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		run(nil, "git", "add", "f")
		date := "GIT_COMMITTER_DATE=" + when.Format(time.RFC3339)
		run([]string{date, "GIT_AUTHOR_DATE=2020-01-01T00:00:00Z"}, "git", "commit", "-q", "-m", content)
		when = when.Add(time.Minute)
		return run(nil, "git", "rev-parse", "HEAD")
	}
	ts := func() string { return when.Add(-time.Minute).UTC().Format("20060102150405") }

	for i := range 3 {
		rev := commit("untagged " + string(rune('a'+i)))
		v := version()
		if want := FromCommit(when.Add(-time.Minute), rev, false); v != want {
			t.Errorf("commit %d: script says %q, Go says %q", i, v, want)
		}
		if want := FromModuleVersion("v0.0.0-" + ts() + "-" + rev[:12]); v != want {
			t.Errorf("commit %d: script says %q, the pseudo-version maps to %q", i, v, want)
		}
		versions = append(versions, v)
	}
	if err := os.WriteFile(filepath.Join(dir, "g"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if v := version(); !strings.HasSuffix(v, "+dirty") {
		t.Errorf("with a file not committed: %q, want +dirty", v)
	} else {
		versions = append(versions, v)
	}
	if err := os.Remove(filepath.Join(dir, "g")); err != nil {
		t.Fatal(err)
	}

	commit("rc")
	run(nil, "git", "tag", "v0.1.0-rc.1")
	versions = append(versions, version())
	commit("release")
	run(nil, "git", "tag", "-a", "-m", "0.1.0", "v0.1.0")
	if v := version(); v != "0.1.0" {
		t.Errorf("at the tag v0.1.0: %q", v)
	}
	versions = append(versions, version())
	for i := range 2 {
		rev := commit("after " + string(rune('a'+i)))
		v := version()
		if want := FromModuleVersion("v0.1.1-0." + ts() + "-" + rev[:12]); v != want {
			t.Errorf("after the tag: script says %q, the pseudo-version maps to %q", v, want)
		}
		versions = append(versions, v)
	}
	if v := run([]string{"FOLLOWUP_VERSION=1.0.0"}, script, dir); v != "1.0.0" {
		t.Errorf("FOLLOWUP_VERSION=1.0.0: %q", v)
	}
	t.Logf("versions: %q", versions)
	assertAscending(t, versions)
}

// assertAscending checks with dpkg itself that each version sorts after the one before.
func assertAscending(t *testing.T, versions []string) {
	t.Helper()
	if _, err := exec.LookPath("dpkg"); err != nil {
		t.Skip("dpkg is not installed: the order dpkg gives is not checked")
	}
	for i := 1; i < len(versions); i++ {
		if err := exec.Command("dpkg", "--compare-versions", versions[i-1], "lt", versions[i]).Run(); err != nil {
			t.Errorf("dpkg --compare-versions %s lt %s: %v", versions[i-1], versions[i], err)
		}
	}
}
