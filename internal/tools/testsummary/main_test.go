package main

import (
	"strings"
	"testing"
)

// TestSummarize: a skipped test is counted with its reason, a failed one printed whole, a
// passing one kept quiet; the package lines pass through.
func TestSummarize(t *testing.T) {
	in := strings.Join([]string{
		`{"Action":"run","Package":"p","Test":"TestA"}`,
		`{"Action":"output","Package":"p","Test":"TestA","Output":"=== RUN   TestA\n"}`,
		`{"Action":"output","Package":"p","Test":"TestA","Output":"    a_test.go:9: chatter\n"}`,
		`{"Action":"pass","Package":"p","Test":"TestA"}`,
		`{"Action":"output","Package":"p","Test":"TestB","Output":"    b_test.go:12: mail stack not available: needs root\n"}`,
		`{"Action":"output","Package":"p","Test":"TestB","Output":"--- SKIP: TestB (0.00s)\n"}`,
		`{"Action":"skip","Package":"p","Test":"TestB"}`,
		`{"Action":"output","Package":"p","Test":"TestC","Output":"    c_test.go:3: mail stack not available: needs root\n"}`,
		`{"Action":"skip","Package":"p","Test":"TestC"}`,
		`{"Action":"output","Package":"p","Test":"TestD","Output":"    d_test.go:5: got 2, want 3\n"}`,
		`{"Action":"fail","Package":"p","Test":"TestD"}`,
		`{"Action":"output","Package":"p","Output":"FAIL\tp\t0.1s\n"}`,
		`{"Action":"fail","Package":"p"}`,
	}, "\n")
	var out strings.Builder
	failed, err := summarize(strings.NewReader(in), &out)
	if err != nil || !failed {
		t.Fatalf("failed = %v, err = %v", failed, err)
	}
	want := "    d_test.go:5: got 2, want 3\nFAIL\tp\t0.1s\nsummary: 1 passed, 1 failed, 2 skipped\n" +
		"SKIPPED 2 tests: 2 × mail stack not available: needs root\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
	if failed, _ := summarize(strings.NewReader(""), &out); !failed {
		t.Error("no test at all counts as a success")
	}
}
