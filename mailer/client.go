// Package mailer composes followup's emails and sends them over SMTP with go-mail.
package mailer

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"github.com/followupd/followup/config"
)

// NewClient builds a go-mail client for the configured server: TLS verified (implicit or
// STARTTLS, mandatory), plaintext only to loopback, and a timeout on every step.
func NewClient(ctx context.Context, c config.SMTP) (*mail.Client, error) {
	return newClient(ctx, c, nil)
}

// newClient is NewClient dialing through dial when it is set.
func newClient(ctx context.Context, c config.SMTP, dial mail.DialContextFunc) (*mail.Client, error) {
	timeout := c.TimeoutDuration
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	tlsConf, err := c.TLSConfig()
	if err != nil {
		return nil, err
	}
	opts := []mail.Option{mail.WithPort(c.Port), mail.WithTimeout(timeout), mail.WithTLSConfig(tlsConf)}
	if dial != nil {
		opts = append(opts, mail.WithDialContextFunc(dial))
	}
	switch c.Security {
	case "tls":
		opts = append(opts, mail.WithSSL())
	case "starttls":
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	case "none":
		if !config.IsLoopback(c.Host) {
			return nil, fmt.Errorf("smtp %s: security none is allowed only to loopback", c.Host)
		}
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		return nil, fmt.Errorf("smtp: unknown security %q", c.Security)
	}
	switch c.Auth {
	case "none":
	case "xoauth2":
		token, err := c.OAuth2Token(ctx)
		if err != nil {
			return nil, err
		}
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthXOAUTH2), mail.WithUsername(c.Username), mail.WithPassword(token))
	default:
		pw, err := c.PasswordFor(ctx, "smtp")
		if err != nil {
			return nil, err
		}
		auth := mail.SMTPAuthPlain
		if c.Auth == "login" {
			auth = mail.SMTPAuthLogin
		}
		if c.Security == "none" {
			// go-mail refuses PLAIN over plaintext unless told the link is local.
			auth += "-NOENC"
		}
		opts = append(opts, mail.WithSMTPAuth(auth), mail.WithUsername(c.Username), mail.WithPassword(pw))
	}
	client, err := mail.NewClient(c.Host, opts...)
	if err != nil {
		return nil, fmt.Errorf("smtp %s: %w", c.Addr(), err)
	}
	return client, nil
}

// Probe connects, secures the connection, authenticates, and reports the server's
// extensions (the AUTH mechanisms among them).
func Probe(ctx context.Context, c config.SMTP) (map[string]string, error) {
	client, err := NewClient(ctx, c)
	if err != nil {
		return nil, err
	}
	sc, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return nil, fmt.Errorf("smtp %s: %w", c.Addr(), err)
	}
	defer client.CloseWithSMTPClient(sc)
	ext := map[string]string{}
	for _, name := range []string{"AUTH", "STARTTLS", "SIZE", "8BITMIME", "SMTPUTF8", "PIPELINING", "DSN", "ENHANCEDSTATUSCODES"} {
		if ok, param := sc.Extension(name); ok {
			ext[name] = strings.TrimSpace(param)
		}
	}
	if st, ok := sc.TLSConnectionState(); ok && st.HandshakeComplete {
		ext["TLS"] = tlsVersion(st.Version)
	}
	return ext, nil
}

func tlsVersion(v uint16) string {
	switch v {
	case 0x0304:
		return "TLS 1.3"
	case 0x0303:
		return "TLS 1.2"
	}
	return fmt.Sprintf("0x%04x", v)
}
