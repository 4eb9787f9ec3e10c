// Package inbox watches the owner's mailbox over IMAP and tells what each new message is.
package inbox

import (
	"context"
	"fmt"
	"net"
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

// Probe logs in and reports what the server offers.
func Probe(ctx context.Context, c config.IMAP, password string) (caps []string, err error) {
	client, err := Dial(ctx, c, password, nil)
	if err != nil {
		return nil, err
	}
	defer client.Close()
	set, err := client.Capability().Wait()
	if err != nil {
		return nil, fmt.Errorf("imap capability: %w", err)
	}
	for cp := range set {
		caps = append(caps, string(cp))
	}
	if _, err := client.Select(c.Folders[0], &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return caps, fmt.Errorf("imap select %s: %w", c.Folders[0], err)
	}
	_ = client.Logout().Wait()
	return caps, nil
}
