package inbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"github.com/followupd/followup/config"
)

// ErrNoSent is a server that marks no folder \Sent: imap.sent_folder must name it.
var ErrNoSent = errors.New("the server marks no folder \\Sent: set imap.sent_folder")

// SentFolder returns the configured Sent folder, or the one the server marks \Sent.
func SentFolder(c *imapclient.Client, configured string) (string, error) {
	if configured != "" {
		return configured, nil
	}
	list, err := c.List("", "*", &imap.ListOptions{ReturnSpecialUse: true}).Collect()
	if err != nil {
		return "", fmt.Errorf("imap list: %w", err)
	}
	for _, mb := range list {
		for _, a := range mb.Attrs {
			if a == imap.MailboxAttrSent {
				return mb.Mailbox, nil
			}
		}
	}
	return "", ErrNoSent
}

// FindSent logs in and returns the folder the server marks \Sent (RFC 6154 SPECIAL-USE),
// whatever its name or language ("Sent", "[Gmail]/Sent Mail", "Sent Items", "Gesendet").
func FindSent(ctx context.Context, c config.IMAP, password string) (string, error) {
	client, err := Dial(ctx, c, password, nil)
	if err != nil {
		return "", err
	}
	defer client.Close()
	return SentFolder(client, "")
}

// Mailbox is a short-lived IMAP session for one job (APPEND a sent message, look one up).
type Mailbox struct {
	Config   config.IMAP
	Password func(context.Context) (string, error)
}

func (mb *Mailbox) dial(ctx context.Context) (*imapclient.Client, error) {
	pw, err := mb.Password(ctx)
	if err != nil {
		return nil, err
	}
	return Dial(ctx, mb.Config, pw, nil)
}

// AppendSent files raw in the Sent folder, marked \Seen.
func (mb *Mailbox) AppendSent(ctx context.Context, raw []byte) error {
	c, err := mb.dial(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	folder, err := SentFolder(c, mb.Config.SentFolder)
	if err != nil {
		return err
	}
	cmd := c.Append(folder, int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}})
	if _, err := cmd.Write(raw); err != nil {
		cmd.Close()
		return fmt.Errorf("imap append %s: %w", folder, err)
	}
	if err := cmd.Close(); err != nil {
		return fmt.Errorf("imap append %s: %w", folder, err)
	}
	if _, err := cmd.Wait(); err != nil {
		return fmt.Errorf("imap append %s: %w", folder, err)
	}
	_ = c.Logout().Wait()
	return nil
}

// InSent reports whether the Sent folder holds a message with this Message-ID. Servers
// match HEADER searches loosely (substring, or not at all): each hit's Message-ID is
// checked here.
func (mb *Mailbox) InSent(ctx context.Context, messageID string) (bool, error) {
	c, err := mb.dial(ctx)
	if err != nil {
		return false, err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	folder, err := SentFolder(c, mb.Config.SentFolder)
	if err != nil {
		return false, err
	}
	if _, err := c.Select(folder, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return false, fmt.Errorf("imap select %s: %w", folder, err)
	}
	found, err := c.UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-ID", Value: messageID}}}, nil).Wait()
	if err != nil {
		return false, fmt.Errorf("imap search %s: %w", folder, err)
	}
	uids := found.AllUIDs()
	if len(uids) == 0 {
		return false, nil
	}
	msgs, err := c.Fetch(imap.UIDSetNum(uids...), &imap.FetchOptions{
		BodySection: []*imap.FetchItemBodySection{{Specifier: imap.PartSpecifierHeader, HeaderFields: []string{"Message-ID"}, Peek: true}},
	}).Collect()
	if err != nil {
		return false, fmt.Errorf("imap fetch %s: %w", folder, err)
	}
	for _, m := range msgs {
		for _, b := range m.BodySection {
			if strings.EqualFold(firstID(headerValue(b.Bytes, "Message-ID")), messageID) {
				return true, nil
			}
		}
	}
	return false, nil
}

func headerValue(hdr []byte, key string) string {
	for _, line := range bytes.Split(hdr, []byte("\n")) {
		if k, v, ok := bytes.Cut(line, []byte(":")); ok && strings.EqualFold(string(bytes.TrimSpace(k)), key) {
			return strings.TrimSpace(string(v))
		}
	}
	return ""
}
