package inbox

import (
	"errors"
	"strings"
	"testing"

	"github.com/followupd/followup/internal/mailstack"
)

func TestMessage_Check(t *testing.T) {
	for _, tc := range []struct {
		name         string
		depth, parts int
		unreadable   bool
	}{
		{"ordinary nesting", 3, 2, false},
		{"at the depth bound", MaxDepth - 1, 0, false},
		{"20,000 deep", 20000, 0, true},
		{"5,000 parts", 0, 5000, true},
		{"just past the depth bound", MaxDepth + 1, 0, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse(mailstack.Poison(tc.depth, tc.parts))
			if err != nil {
				t.Fatal(err)
			}
			err = m.Check()
			if got := errors.Is(err, ErrUnreadable); got != tc.unreadable {
				t.Fatalf("Check() = %v, want unreadable %v", err, tc.unreadable)
			}
			// Classifying and reading it stay within the bounds too: they finish, and an
			// ordinary one still reads as the bounce it is dressed as.
			v := Machine(m)
			if !tc.unreadable && v.Kind != KindBounce {
				t.Errorf("Machine = %s (%s), want bounce", v.Kind, v.Reason)
			}
			if !tc.unreadable && !strings.Contains(m.Text(1<<10), "user unknown") {
				t.Errorf("Text = %q", m.Text(1<<10))
			}
		})
	}
}

// BenchmarkPoison is the cost of classifying and checking each poison message (goal: under
// a second and 50 MB each).
func BenchmarkPoison(b *testing.B) {
	for _, tc := range []struct {
		name         string
		depth, parts int
	}{{"deep20000", 20000, 0}, {"parts5000", 0, 5000}} {
		raw := mailstack.Poison(tc.depth, tc.parts)
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(raw)))
			for b.Loop() {
				m, _ := Parse(raw)
				_ = m.Check()
				Machine(m)
			}
		})
	}
}

func FuzzMessage_Check(f *testing.F) {
	f.Add(mailstack.Poison(3, 2))
	f.Add(mailstack.Poison(25, 0))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := Parse(raw)
		if err != nil {
			return
		}
		_ = m.Check()
		_ = m.Text(1 << 10)
		Machine(m)
	})
}
