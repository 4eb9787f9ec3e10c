package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/followupd/followup/store"
	"github.com/spf13/cobra"
)

func (m *Main) versionCommand(env *cmdEnv) *cobra.Command {
	return &cobra.Command{
		Use:         "version",
		Short:       "print the version",
		Args:        maxArgs(0),
		Annotations: map[string]string{jsonAnnotation: "yes"},
		RunE:        func(cmd *cobra.Command, args []string) error { return m.version(env) },
	}
}

func (m *Main) version(env *cmdEnv) error {
	if env.jsonOut {
		v, rev := buildVersion()
		return m.printJSON(map[string]any{"version": v, "revision": rev, "schema": store.SchemaVersion(), "go": runtime.Version()})
	}
	fmt.Fprintln(m.Stdout, versionLine())
	return nil
}

// buildVersion is the version stamped at build time (-ldflags -X …cli.Version=…), else
// the module's from the build information, and the VCS revision it was built from.
func buildVersion() (version, revision string) {
	version = Version
	if bi, ok := debug.ReadBuildInfo(); ok {
		if version == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				revision = s.Value[:12]
			}
		}
	}
	return version, revision
}

func versionLine() string {
	v, rev := buildVersion()
	if rev != "" {
		v += " (" + rev + ")"
	}
	return fmt.Sprintf("followup %s, store schema %d, %s", v, store.SchemaVersion(), runtime.Version())
}
