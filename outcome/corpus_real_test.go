package outcome

import (
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// readFromHeldOut are held-out mails whose misses were read (at the first runs of the held-out
// part: 32 of 36 right, then 35 of 42 once recruiting-playbook's English templates were added)
// to widen the rules: they count as tuning from then on (SOURCES.md says so).
var readFromHeldOut = map[string]bool{
	"cuckoo-rejection-due-to-availability-timing-en.txt": true, "cuckoo-rejection-for-recent-graduate-en.txt": true,
	"frappe-hrms-job-offer-en.txt": true, "odoo-hr-recruitment-interest-de.txt": true,
	"recruiting-playbook-default-application-withdrawn-en.txt": true, "recruiting-playbook-default-contract-sent-en.txt": true,
	"recruiting-playbook-default-interview-invitation-en.txt": true,
}

// realItem is one mail of testdata/real (see SOURCES.md there).
type realItem struct {
	name string
	labelled
}

func realCorpus(t *testing.T, split string) []realItem {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "real", split, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out []realItem
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(f)
		h := fnv.New32a()
		h.Write([]byte(base))
		want := map[bool]string{true: "heldout", false: "tuning"}[h.Sum32()%2 == 1]
		if readFromHeldOut[base] {
			want = "tuning"
		}
		if want != split {
			t.Errorf("%s is in %s; the split rule (FNV-1a of the name, odd: held out) puts it in %s", base, split, want)
		}
		head, rest, _ := strings.Cut(string(raw), "\n")
		label, lang, _ := strings.Cut(strings.TrimSpace(head), " ")
		subject, text, _ := strings.Cut(rest, "\n")
		out = append(out, realItem{base, labelled{label, lang, strings.TrimPrefix(subject, "Subject: "), text}})
	}
	return out
}

// realScore is what the classifier got right of a split, by outcome and by language.
type realScore struct {
	right, total int
	byKind       map[string][2]int
	byLang       map[string][2]int
	wrong        []string // wrong offers and rejections
	misses       []string
}

func scoreReal(items []realItem) realScore {
	s := realScore{byKind: map[string][2]int{}, byLang: map[string][2]int{}}
	for _, it := range items {
		got := Classify(it.subject, it.text)
		ok := string(got.Kind) == it.want
		k, l := s.byKind[it.want], s.byLang[it.lang]
		k[1]++
		l[1]++
		s.total++
		if ok {
			s.right++
			k[0]++
			l[0]++
		} else {
			s.misses = append(s.misses, fmt.Sprintf("%s: %s read as %s %v", it.name, it.want, got.Kind, got.Reasons))
			if got.Kind == Offer || got.Kind == Rejection {
				s.wrong = append(s.wrong, fmt.Sprintf("%s: a wrong %s (it is %s)", it.name, got.Kind, it.want))
			}
		}
		s.byKind[it.want], s.byLang[it.lang] = k, l
	}
	return s
}

func (s realScore) String() string {
	pct := func(x [2]int) string {
		return fmt.Sprintf("%d/%d (%.0f %%)", x[0], x[1], 100*float64(x[0])/float64(max(x[1], 1)))
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s right; %d wrong offers or rejections\n", pct([2]int{s.right, s.total}), len(s.wrong))
	for _, m := range []map[string][2]int{s.byKind, s.byLang} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(&b, "  %-10s %s\n", k, pct(m[k]))
		}
	}
	return b.String()
}

// TestClassify_RealCorpus reads the mails of testdata/real, written by ATS vendors and HR
// template libraries, and prints the figures of both parts (go test -run
// TestClassify_RealCorpus -v ./outcome). It fails when the held-out part, never used to tune,
// is read right less than 85 % overall or 70 % for any outcome or language, or holds one wrong
// offer or rejection. The tuning part's misses are listed; the held-out part's are not, so
// that no rule is written from them.
func TestClassify_RealCorpus(t *testing.T) {
	tuning, heldout := scoreReal(realCorpus(t, "tuning")), scoreReal(realCorpus(t, "heldout"))
	t.Logf("tuning: %s", tuning)
	for _, m := range tuning.misses {
		t.Logf("tuning miss: %s", m)
	}
	t.Logf("held out: %s", heldout)
	var read []realItem
	for _, it := range realCorpus(t, "tuning") {
		if readFromHeldOut[it.name] {
			read = append(read, it)
		}
	}
	t.Logf("the original held-out part (%d of them since read): %s", len(read), scoreReal(append(realCorpus(t, "heldout"), read...)))
	if heldout.total < 20 {
		t.Fatalf("%d held-out mails, want the corpus", heldout.total)
	}
	if r := float64(heldout.right) / float64(heldout.total); r < 0.85 {
		t.Errorf("held out: %.1f %% read right, want at least 85 %%", 100*r)
	}
	// Every outcome and language is held to 70 %: the last below it (question, then next round and
	// logistics) reached it with the mails and tuning of 2026-12-07 (SOURCES.md).
	for _, m := range []map[string][2]int{heldout.byKind, heldout.byLang} {
		for k, x := range m {
			if float64(x[0]) < 0.7*float64(x[1]) {
				t.Errorf("held out: %s %d/%d read right, want at least 70 %%", k, x[0], x[1])
			}
		}
	}
	for _, w := range append(tuning.wrong, heldout.wrong...) {
		t.Errorf("%s", w)
	}
}
