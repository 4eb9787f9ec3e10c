package cli

import (
	"fmt"
	"runtime"
	"strings"

	"github.com/followupd/followup/internal/buildinfo"
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
		bi := buildinfo.Read()
		return m.printJSON(map[string]any{"version": bi.Version, "revision": bi.Revision, "schema": store.SchemaVersion(), "go": runtime.Version()})
	}
	fmt.Fprintln(m.Stdout, versionLine())
	return nil
}

// versionLine is --version: the one version (internal/buildinfo) that the log line at
// start, the man page and the package show too.
func versionLine() string {
	bi := buildinfo.Read()
	v := bi.Version
	if bi.Revision != "" && !strings.Contains(v, bi.Revision) {
		v += " (" + bi.Revision + ")"
	}
	return fmt.Sprintf("followup %s, store schema %d, %s", v, store.SchemaVersion(), runtime.Version())
}
