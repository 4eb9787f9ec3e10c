//go:build race

package invite

// raceEnabled: under the race detector sync.Pool drops what it is given at random, so
// regexp and golang-ical allocate anew what they would reuse: the bytes allocated measure
// nothing then, and the tests do not hold them to a bound.
const raceEnabled = true
