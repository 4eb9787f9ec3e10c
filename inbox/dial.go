// Package inbox watches the owner's mailbox over IMAP and tells what each new message is.
package inbox

import (
	"context"
	"fmt"
	"net"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

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
	if err := client.Login(c.Username, password).Wait(); err != nil {
		client.Close()
		return nil, fmt.Errorf("imap login %s as %s: %w", c.Addr(), c.Username, err)
	}
	return client, nil
}

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
