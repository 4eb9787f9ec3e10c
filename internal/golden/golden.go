// Package golden compares text people read with the files checked in beside a test, or
// rewrites them: go test ./pkg -update, then read what it wrote before committing.
package golden

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

// Update is the -update flag of every test binary that checks golden files.
var Update = flag.Bool("update", false, "rewrite the golden files in testdata (read them before committing)")

// Check compares got with the file at path, or writes it with -update (or rewrite).
func Check(t testing.TB, path, got string, rewrite bool) {
	t.Helper()
	if *Update || rewrite {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update, and read what it wrote)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
