// Package inbox watches the owner's mailbox over IMAP and tells what each new message is.
package inbox

import (
	"context"
	"fmt"
	"net"
	"slices"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"

	"github.com/followupd/followup/config"
)

// Dial connects to the IMAP server as configured (TLS verified, with ca_file) and logs in.
// go-imap takes no context: ctx bounds the dial, and cancelling it later closes the client.
func Dial(ctx context.Context, c config.IMAP, password string, opts *imapclient.Options) (*imapclient.Client, error) {
	if opts == nil {
		opts = &imapclient.Options{}
	}
	timeout := c.TimeoutDuration
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	tlsConf, err := c.TLSConfig()
	if err != nil {
		return nil, err
	}
	opts.TLSConfig = tlsConf
	d := &net.Dialer{Timeout: timeout}
	if dl, ok := ctx.Deadline(); ok {
		d.Deadline = dl
	}
	opts.Dialer = d
	var client *imapclient.Client
	switch c.Security {
	case "tls":
		client, err = imapclient.DialTLS(c.Addr(), opts)
	case "starttls":
		client, err = imapclient.DialStartTLS(c.Addr(), opts)
	case "none":
		if !config.IsLoopback(c.Host) {
			return nil, fmt.Errorf("imap %s: security none is allowed only to loopback", c.Host)
		}
		client, err = imapclient.DialInsecure(c.Addr(), opts)
	default:
		return nil, fmt.Errorf("imap: unknown security %q", c.Security)
	}
	if err != nil {
		return nil, fmt.Errorf("imap dial %s: %w", c.Addr(), err)
	}
	stop := context.AfterFunc(ctx, func() { client.Close() })
	defer stop()
	switch c.Auth {
	case "xoauth2":
		err = client.Authenticate(&xoauth2{user: c.Username, token: password})
	case "oauthbearer":
		err = client.Authenticate(sasl.NewOAuthBearerClient(&sasl.OAuthBearerOptions{Username: c.Username, Token: password}))
	default:
		err = client.Login(c.Username, password).Wait()
	}
	if err != nil {
		client.Close()
		return nil, fmt.Errorf("imap login %s as %s: %w", c.Addr(), c.Username, err)
	}
	return client, nil
}

// xoauth2 is the XOAUTH2 SASL mechanism (Google's and Microsoft's), which go-sasl lacks:
// one initial response with the user and the bearer token; a failure comes back as a
// challenge holding a JSON error, answered with an empty response (the server then fails
// the command with the reason).
type xoauth2 struct{ user, token string }

func (x *xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + x.user + "\x01auth=Bearer " + x.token + "\x01\x01"), nil
}

func (x *xoauth2) Next(challenge []byte) ([]byte, error) { return []byte{}, nil }

// ProbeResult is what check-config --connect found on the IMAP server.
type ProbeResult struct {
	Caps      []string
	Sent      string // the Sent folder it will watch
	SentFound bool   // found by its SPECIAL-USE mark (sent_folder left empty)
	Selected  []string
	// Authserv counts, by authserv-id, the Authentication-Results fields on the newest
	// messages of the first folder watched (at most proofSample): who vouches for senders.
	Authserv map[string]int
	Sampled  int // how many messages were read for it
}

// proofSample is how many of the newest messages Probe reads for Authentication-Results.
const proofSample = 20

// Probe logs in, reports what the server offers, and selects every folder the daemon will
// watch — the configured ones and the Sent folder, named or found by SPECIAL-USE — so that a
// wrong name shows now, not as a reconnect loop later.
func Probe(ctx context.Context, c config.IMAP, password string) (ProbeResult, error) {
	var r ProbeResult
	client, err := Dial(ctx, c, password, nil)
	if err != nil {
		return r, err
	}
	defer client.Close()
	set, err := client.Capability().Wait()
	if err != nil {
		return r, fmt.Errorf("imap capability: %w", err)
	}
	for cp := range set {
		r.Caps = append(r.Caps, string(cp))
	}
	r.Sent, err = SentFolder(client, c.SentFolder)
	if err != nil {
		return r, err
	}
	r.SentFound = c.SentFolder == ""
	folders := append([]string(nil), c.Folders...)
	if !slices.Contains(folders, r.Sent) {
		folders = append(folders, r.Sent)
	}
	for _, f := range folders {
		if _, err := client.Select(f, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
			return r, fmt.Errorf("imap select %q (a folder followup would watch): %w", f, err)
		}
		r.Selected = append(r.Selected, f)
	}
	if len(folders) > 0 {
		if err := r.sampleProof(client, folders[0]); err != nil {
			return r, err
		}
	}
	_ = client.Logout().Wait()
	return r, nil
}

// sampleProof reads the Authentication-Results fields of the newest messages in folder.
func (r *ProbeResult) sampleProof(client *imapclient.Client, folder string) error {
	sel, err := client.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return fmt.Errorf("imap select %q: %w", folder, err)
	}
	r.Authserv = map[string]int{}
	if sel.NumMessages == 0 {
		return nil
	}
	first := uint32(1)
	if sel.NumMessages > proofSample {
		first = sel.NumMessages - proofSample + 1
	}
	section := &imap.FetchItemBodySection{Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"Authentication-Results", "From"}, Peek: true}
	var seqs imap.SeqSet
	seqs.AddRange(first, sel.NumMessages)
	msgs, err := client.Fetch(seqs, &imap.FetchOptions{BodySection: []*imap.FetchItemBodySection{section}}).Collect()
	if err != nil {
		return fmt.Errorf("imap fetch Authentication-Results: %w", err)
	}
	for _, msg := range msgs {
		r.Sampled++
		for _, raw := range msg.BodySection {
			m, err := Parse(append(raw.Bytes, '\r', '\n'))
			if err != nil {
				continue
			}
			for _, f := range m.Header.Values("Authentication-Results") {
				id, _ := parseAuthResults(f)
				if id == "" {
					id = "(none)"
				}
				r.Authserv[id]++
			}
		}
	}
	return nil
}
