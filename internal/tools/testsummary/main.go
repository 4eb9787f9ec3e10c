// Command testsummary reads `go test -json` on standard input and prints what `go test`
// prints without -v — each package's ok or FAIL line, and the whole output of every test
// that failed — then one line counting the tests that were skipped, and why. A run that
// skips the integration tests (no root) must say so at its end, not only in its first line.
//
//	go test -json ./... | go run ./internal/tools/testsummary
//
// It exits 1 when a test or a package failed, or when the input holds no test at all.
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// event is one line of test2json's output (go doc test2json).
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

func main() {
	failed, err := summarize(os.Stdin, os.Stdout)
	if err != nil {
		fmt.Fprintln(os.Stderr, "testsummary:", err)
		os.Exit(2)
	}
	if failed {
		os.Exit(1)
	}
}

// summarize copies the plain output of in to out and reports whether anything failed.
func summarize(in io.Reader, out io.Writer) (failed bool, err error) {
	type key struct{ pkg, test string }
	outputs := map[key][]string{}
	skipped := map[string]int{} // why → how many
	var nskip, npass, nfail int
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			fmt.Fprintln(out, sc.Text()) // not an event: a build error printed as it is
			continue
		}
		k := key{e.Package, e.Test}
		switch e.Action {
		case "output", "build-output":
			if e.Test == "" || figure(e.Output) {
				fmt.Fprint(out, e.Output) // the package's own lines (ok, FAIL, panics, build errors), bench/'s figures
			} else {
				outputs[k] = append(outputs[k], e.Output)
			}
		case "pass":
			if e.Test != "" {
				npass++
			}
			delete(outputs, k)
		case "skip":
			if e.Test != "" && !strings.Contains(e.Test, "/") {
				nskip++
				skipped[skipReason(outputs[k])]++
			}
			delete(outputs, k)
		case "fail", "build-fail":
			failed = true
			if e.Test != "" {
				nfail++
				fmt.Fprint(out, strings.Join(outputs[k], ""))
			}
			delete(outputs, k)
		}
	}
	if err := sc.Err(); err != nil {
		return true, err
	}
	if npass+nfail+nskip == 0 {
		fmt.Fprintln(out, "testsummary: no test ran")
		return true, nil
	}
	fmt.Fprintf(out, "summary: %d passed, %d failed, %d skipped\n", npass, nfail, nskip)
	if nskip > 0 {
		var whys []string
		for why, n := range skipped {
			whys = append(whys, fmt.Sprintf("%d × %s", n, why))
		}
		sort.Strings(whys)
		fmt.Fprintf(out, "SKIPPED %d tests: %s\n", nskip, strings.Join(whys, "; "))
	}
	return failed, nil
}

// figure reports whether a line of a test's output is one of bench/'s figures, printed
// whether the test passes or not.
func figure(line string) bool {
	return strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "followup figures") || strings.Contains(line, "FIGURE")
}

// skipReason is the message a skipped test gave: its last line of output that is not the
// "--- SKIP" line itself, without the file:line prefix.
func skipReason(lines []string) string {
	for i := len(lines) - 1; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if l == "" || strings.HasPrefix(l, "--- SKIP") || strings.HasPrefix(l, "=== ") {
			continue
		}
		if i := strings.Index(l, ": "); i > 0 && strings.Contains(l[:i], ".go:") {
			l = l[i+2:]
		}
		if len(l) > 120 {
			l = l[:117] + "..."
		}
		return l
	}
	return "no reason given"
}
