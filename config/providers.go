package config

import (
	"sort"
	"strings"

	yaml "go.yaml.in/yaml/v4"
)

// preset is what a provider setting fills in: servers, ports, security, how to log in, and
// whether the server files sent mail itself. Every key can still be set in the file, and
// then wins.
type preset struct {
	imapHost, smtpHost string
	imapPort, smtpPort int
	imapSec, smtpSec   string
	auth               string // imap.auth and smtp.auth: "" (a password) or xoauth2
	saveSent           string
	// authserv are the authserv-ids its receiving servers write in Authentication-Results
	// (".example.net": any host there): what proves who sent a message (inbox.Verify).
	authserv []string
	note     string // for the README and check-config's hint
}

// providers are the mail services followup knows how to reach. Their Sent folders are found
// by SPECIAL-USE (RFC 6154), whatever their name ("[Gmail]/Sent Mail", "Sent Items").
var providers = map[string]preset{
	"gmail": {imapHost: "imap.gmail.com", imapPort: 993, imapSec: "tls", smtpHost: "smtp.gmail.com", smtpPort: 587, smtpSec: "starttls",
		saveSent: "server", authserv: []string{"mx.google.com"}, note: "an app password (2-step verification on), or OAuth2 with your own client"},
	"outlook": {imapHost: "outlook.office365.com", imapPort: 993, imapSec: "tls", smtpHost: "smtp.office365.com", smtpPort: 587, smtpSec: "starttls",
		auth: "xoauth2", saveSent: "server", note: "OAuth2 only (Microsoft 365 and Outlook.com turned password logins off)"},
	"fastmail": {imapHost: "imap.fastmail.com", imapPort: 993, imapSec: "tls", smtpHost: "smtp.fastmail.com", smtpPort: 465, smtpSec: "tls",
		saveSent: "append", authserv: []string{".messagingengine.com"}, note: "an app password"},
	"icloud": {imapHost: "imap.mail.me.com", imapPort: 993, imapSec: "tls", smtpHost: "smtp.mail.me.com", smtpPort: 587, smtpSec: "starttls",
		saveSent: "append", authserv: []string{".icloud.com"}, note: "an app-specific password"},
	"yahoo": {imapHost: "imap.mail.yahoo.com", imapPort: 993, imapSec: "tls", smtpHost: "smtp.mail.yahoo.com", smtpPort: 465, smtpSec: "tls",
		saveSent: "append", authserv: []string{".yahoo.com"}, note: "an app password"},
	"proton-bridge": {imapHost: "127.0.0.1", imapPort: 1143, imapSec: "starttls", smtpHost: "127.0.0.1", smtpPort: 1025, smtpSec: "starttls",
		saveSent: "server", authserv: []string{".protonmail.ch"}, note: "the Bridge's password, and its exported certificate as ca_file"},
}

// Providers lists the provider names the configuration takes.
func Providers() []string {
	var out []string
	for p := range providers {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// applyProvider fills in c from the provider the document names at its top (provider:
// gmail), before the rest of the file is decoded over it. It returns the name, or an error
// message for one it does not know.
func applyProvider(c *Config, doc *yaml.Node) (name string, unknown bool) {
	if doc.Kind != yaml.MappingNode {
		return "", false
	}
	for i := 0; i+1 < len(doc.Content); i += 2 {
		if doc.Content[i].Value != "provider" {
			continue
		}
		name = strings.ToLower(strings.TrimSpace(doc.Content[i+1].Value))
		p, ok := providers[name]
		if !ok {
			return name, true
		}
		c.IMAP.Host, c.IMAP.Port, c.IMAP.Security = p.imapHost, p.imapPort, p.imapSec
		c.SMTP.Host, c.SMTP.Port, c.SMTP.Security = p.smtpHost, p.smtpPort, p.smtpSec
		c.IMAP.SentFolder, c.SMTP.SaveSent = "", p.saveSent
		c.IMAP.TrustedAuthservID = p.authserv
		if p.auth != "" {
			c.IMAP.Auth, c.SMTP.Auth = p.auth, p.auth
		}
		return name, false
	}
	return "", false
}
