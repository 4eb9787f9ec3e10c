package cli

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// completeInBash sources the generated bash script in a real bash, sets COMP_WORDS and
// COMP_CWORD as bash's completion would for `followup --config FILE words…` with the cursor
// at the end of the last word, calls the completion function and returns what it offers
// (each first word: the descriptions are dropped). The script calls "followup" back, which
// here is this test binary running Main.
func (e *env) completeInBash(script string, words ...string) []string {
	e.t.Helper()
	bin, err := os.Executable()
	if err != nil {
		e.t.Fatal(err)
	}
	// bash-completion's _get_comp_words_by_ref when installed (Debian installs it by
	// default), else the little of it the script uses.
	const driver = `if [ -r /usr/share/bash-completion/bash_completion ]; then source /usr/share/bash-completion/bash_completion
else _get_comp_words_by_ref() { cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }; fi
source "$1"; shift
COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMP_TYPE=63
__start_followup
printf '%s\n' "${COMPREPLY[@]}"`
	cmd := exec.Command("bash", append([]string{"--norc", "--noprofile", "-c", driver, "bash", script, bin, "--config", e.config}, words...)...)
	cmd.Env = append(os.Environ(), "FOLLOWUP_TEST_RUN_MAIN=1", "COLUMNS=200")
	// compopt complains on stderr outside a completion bash itself started: not a failure.
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		e.t.Fatalf("bash: %v\n%s", err, stderr.String())
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if f := strings.Fields(l); len(f) > 0 {
			got = append(got, f[0])
		}
	}
	return got
}

// TestCompletion_Bash: the generated bash script, driven in bash, completes commands,
// flags, shells, enumerated values, and the ids of the applications and drafts in the store.
func TestCompletion_Bash(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	e := newEnv(t)
	e.mustRun(addArgs...)
	ctx := context.Background()
	st, err := store.Open(ctx, e.db)
	if err != nil {
		t.Fatal(err)
	}
	app, _ := st.Application(ctx, 1)
	var ids []string
	for _, c := range app.Contacts[:2] {
		id, _, err := st.AddMessage(ctx, store.Message{AppID: 1, ContactID: c.ID, Kind: policy.ThankYou, Due: recordedAt, Subject: "s", Body: "b"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, strconv.FormatInt(id, 10))
	}
	if _, err := st.Transition(ctx, mustID(t, ids[1]), nil, store.Skipped, nil); err != nil { // a skipped draft is not offered
		t.Fatal(err)
	}
	st.Close()

	script := filepath.Join(t.TempDir(), "followup.bash")
	if err := os.WriteFile(script, []byte(e.mustRun("completion", "bash")), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		words []string
		want  []string // offered, in any order
		exact bool     // and nothing else
	}{
		{"commands", []string{""}, []string{"add", "approve", "check-config", "classify", "completion", "help", "list", "man"}, false},
		{"a command's prefix", []string{"che"}, []string{"check-config"}, true},
		{"flags", []string{"add", "--inter"}, []string{"--interviewer"}, true},
		{"no --json where it means nothing", []string{"approve", "--js"}, nil, true},
		{"--json where it does", []string{"list", "--js"}, []string{"--json"}, true},
		{"shells", []string{"completion", ""}, []string{"bash", "zsh", "fish"}, true},
		{"help's commands", []string{"help", "dig"}, []string{"digest"}, true},
		{"application ids", []string{"show", ""}, []string{"1"}, true},
		{"an application id as a flag's value", []string{"add", "--next-round", ""}, []string{"1"}, true},
		{"draft ids, only those still to decide", []string{"approve", ""}, []string{ids[0]}, true},
		{"drafts show", []string{"drafts", ""}, []string{"show"}, true},
		{"drafts show DRAFT", []string{"drafts", "show", ""}, []string{ids[0]}, true},
		{"time zones", []string{"add", "--tz", "Europe/Be"}, []string{"Europe/Berlin"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := e.completeInBash(script, tc.words...)
			for _, w := range tc.want {
				if !slices.Contains(got, w) {
					t.Errorf("%v: %q not offered: %q", tc.words, w, got)
				}
			}
			if tc.exact && len(got) != len(tc.want) {
				t.Errorf("%v: offered %q, want %q", tc.words, got, tc.want)
			}
		})
	}
}
