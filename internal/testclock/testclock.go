// Package testclock is the clock every test of followup sets: the wall clock moved by
// FOLLOWUP_TEST_CLOCK_SHIFT, plus what the test advances it by.
//
// No test may decide anything from the wall clock: what followup decides (due dates,
// "too late", "over", a holiday) must come from a clock the test sets. CI runs the
// suite a second time with FOLLOWUP_TEST_CLOCK_SHIFT=8760h (a year ahead) to prove it:
// a date written into a test, or a time.Now() left in code the test drives, fails then.
// The real mail servers keep their own clocks; only followup's is moved.
package testclock

import (
	"fmt"
	"os"
	"sync/atomic"
	"time"
)

// Env is the environment variable that moves every test clock.
const Env = "FOLLOWUP_TEST_CLOCK_SHIFT"

// Shift is how far Env moves test clocks from the wall clock: a Go duration ("8760h",
// "-720h"). It panics on a value that does not parse: a run asked to move the clock and
// silently not moving it would prove nothing.
func Shift() time.Duration {
	v := os.Getenv(Env)
	if v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		panic(fmt.Sprintf("%s=%q: %v", Env, v, err))
	}
	return d
}

// Now is the wall clock moved by Shift: where every test clock starts.
func Now() time.Time { return time.Now().Add(Shift()) }

// Clock is a test's clock: Now() plus an offset the test moves. The zero value is ready.
type Clock struct{ offset atomic.Int64 }

// Now is the test's time.
func (c *Clock) Now() time.Time { return Now().Add(time.Duration(c.offset.Load())) }

// Advance moves the clock forward (or back, with a negative d).
func (c *Clock) Advance(d time.Duration) { c.offset.Add(int64(d)) }
