package mailstack

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
)

// SMTPProxy is a TCP proxy between followup and Postfix for fault tests. It speaks plain
// SMTP (followup talks to it with security: none, allowed to loopback) so that it can see
// where a transaction is: it breaks a connection at the worst moment, right after relaying
// the end of DATA, or stops answering altogether.
type SMTPProxy struct {
	ln     net.Listener
	target string

	// CutAfterDot is how many transactions to break after the end of DATA: the final dot
	// reaches Postfix (which accepts the mail), its 250 never reaches the client, and
	// both connections are closed.
	CutAfterDot atomic.Int32
	// HoldAfterDot holds Postfix's answer to the final dot (as a dead network would) until
	// Release; the client sees nothing, then its own deadline or a close.
	HoldAfterDot atomic.Bool
	// Silent makes new connections hang: accepted, and never a byte in answer.
	Silent atomic.Bool

	// Dots counts the ends of DATA relayed to Postfix; Accepted the connections taken.
	Dots, Accepted atomic.Int32

	mu      sync.Mutex
	held    chan struct{}
	conns   []net.Conn
	dotSeen chan struct{}
}

// NewSMTPProxy starts a proxy to Postfix's SMTP port, closed when the test ends.
func (s *Stack) NewSMTPProxy(tb testing.TB) *SMTPProxy {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	p := &SMTPProxy{ln: ln, target: net.JoinHostPort(s.Host, strconv.Itoa(s.SMTPPort)), held: make(chan struct{}), dotSeen: make(chan struct{}, 16)}
	go p.serve()
	tb.Cleanup(func() {
		ln.Close()
		p.Release()
		p.mu.Lock()
		for _, c := range p.conns {
			c.Close()
		}
		p.mu.Unlock()
	})
	return p
}

// Port is where the proxy listens.
func (p *SMTPProxy) Port() int { return p.ln.Addr().(*net.TCPAddr).Port }

// DotSeen delivers a value each time an end of DATA was relayed.
func (p *SMTPProxy) DotSeen() <-chan struct{} { return p.dotSeen }

// Release lets held answers through and makes connections answer again.
func (p *SMTPProxy) Release() {
	p.Silent.Store(false)
	p.HoldAfterDot.Store(false)
	p.mu.Lock()
	select {
	case <-p.held:
	default:
		close(p.held)
	}
	p.mu.Unlock()
}

func (p *SMTPProxy) track(c net.Conn) {
	p.mu.Lock()
	p.conns = append(p.conns, c)
	p.mu.Unlock()
}

func (p *SMTPProxy) serve() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.Accepted.Add(1)
		p.track(c)
		if p.Silent.Load() {
			continue // the connection stays open, and nothing ever answers
		}
		go p.relay(c)
	}
}

// relay copies both ways. Client lines are read to follow the transaction: after DATA,
// the message runs to a line holding a single dot.
func (p *SMTPProxy) relay(client net.Conn) {
	server, err := net.Dial("tcp", p.target)
	if err != nil {
		client.Close()
		return
	}
	p.track(server)
	defer client.Close()
	defer server.Close()
	afterDot := make(chan bool, 16) // one per end of DATA: cut it, or not
	go func() {
		r := bufio.NewReader(server)
		for {
			line, err := r.ReadBytes('\n')
			if len(line) > 0 {
				select {
				case cut := <-afterDot:
					if cut {
						client.Close()
						server.Close()
						return
					}
					if p.HoldAfterDot.Load() {
						<-p.held
					}
				default:
				}
				if _, werr := client.Write(line); werr != nil {
					return
				}
			}
			if err != nil {
				client.Close()
				return
			}
		}
	}()
	r := bufio.NewReader(client)
	inData := false
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			if !inData && bytes.EqualFold(bytes.TrimSpace(line), []byte("DATA")) {
				inData = true
			} else if inData && bytes.Equal(line, []byte(".\r\n")) {
				inData = false
				cut := false
				if n := p.CutAfterDot.Load(); n > 0 && p.CutAfterDot.CompareAndSwap(n, n-1) {
					cut = true
				}
				afterDot <- cut
			}
			if _, werr := server.Write(line); werr != nil {
				return
			}
			if !inData && bytes.Equal(line, []byte(".\r\n")) {
				p.Dots.Add(1)
				select {
				case p.dotSeen <- struct{}{}:
				default:
				}
			}
		}
		if err != nil {
			if err != io.EOF {
				server.Close()
			}
			return
		}
	}
}
