package daemon

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// BenchmarkReplyToCancellation measures the time from a reply's hand-over to Postfix to
// the cancellation of its application's follow-ups by the running daemon (IDLE on the real
// Dovecot). It reports p50 and p99 in milliseconds.
//
//	CI=true go test -run XXX -bench ReplyToCancellation -benchtime 50x ./daemon
func BenchmarkReplyToCancellation(b *testing.B) {
	h := newHarness(b)
	h.cfg.Rules.ThankCoordinator = false
	h.cfg.Approval.Required = true
	h.start()
	ctx := context.Background()
	var lat []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		from := fmt.Sprintf("bench%d-%d@acme.test", i, time.Now().UnixNano())
		app := h.addApp(store.Contact{Name: "Bench", Email: from, Role: policy.Interviewer})
		b.StartTimer()
		start := time.Now()
		h.s.Inject(b, from, []string{owner}, []byte(fmt.Sprintf("From: %s\r\nTo: %s\r\nSubject: Re: Thank you\r\nMessage-ID: <b%d.%d@acme.test>\r\n\r\nThanks!\r\n", from, owner, i, start.UnixNano())))
		for {
			a, err := h.st.Application(ctx, app.ID)
			if err != nil {
				b.Fatal(err)
			}
			if a.Status == policy.Replied {
				break
			}
			if time.Since(start) > 30*time.Second {
				b.Fatalf("reply %d not handled within 30s", i)
			}
			time.Sleep(time.Millisecond)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(0, "ns/op")
}
