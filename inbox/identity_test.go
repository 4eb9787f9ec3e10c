package inbox

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emersion/go-msgauth/dkim"
)

// TestVerify: a sender is proven only by what a trusted receiving server recorded; display
// names, Reply-To and fields that anyone can write below prove nothing, and a recorded
// failure is never overruled.
func TestVerify(t *testing.T) {
	trusted := []string{"mx.owner.test", ".messagingengine.com"}
	cases := []struct {
		name, from, ar string // ar: Authentication-Results fields, one a line, topmost first
		want           ProofResult
	}{
		{"dmarc pass by the owner's server", "jane@acme.test", "mx.owner.test; dmarc=pass (p=none dis=none) header.from=acme.test", ProofPass},
		{"a host under a trusted domain", "jane@acme.test", "mx3.messagingengine.com 1; dmarc=pass header.from=acme.test", ProofPass},
		{"aligned dkim pass, a subdomain signs", "jane@acme.test", "mx.owner.test; dkim=pass header.d=mail.acme.test header.s=s1", ProofPass},
		{"aligned spf pass", "jane@acme.test", "mx.owner.test; spf=pass smtp.mailfrom=bounces@acme.test", ProofPass},
		{"dkim pass for another domain", "jane@acme.test", "mx.owner.test; dkim=pass header.d=greenhouse.io", ProofNone},
		{"a pass written by someone else", "jane@acme.test", "evil.test; dmarc=pass header.from=acme.test", ProofNone},
		{"no authserv-id", "jane@acme.test", "dmarc=pass header.from=acme.test", ProofNone},
		{"no field at all", "jane@acme.test", "", ProofNone},
		{"dmarc fail by the owner's server", "jane@acme.test", "mx.owner.test; spf=fail smtp.mailfrom=acme.test; dmarc=fail header.from=acme.test", ProofFail},
		{"a fail below a forged pass", "jane@acme.test", "mx.owner.test; dmarc=pass header.from=acme.test\nmx.relay.test; dmarc=fail header.from=acme.test", ProofFail},
		{"forwarded: spf fails, dmarc passes by dkim", "jane@acme.test", "mx.owner.test; spf=fail smtp.mailfrom=acme.test; dkim=pass header.d=acme.test; dmarc=pass header.from=acme.test", ProofPass},
		{"a comment holding a semicolon", "jane@acme.test", "mx.owner.test; dmarc=pass (p=none; a=b) header.from=acme.test", ProofPass},
		{"a look-alike domain", "jane@acme.test.evil.test", "mx.owner.test; dmarc=pass header.from=acme.test", ProofNone},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			raw := "From: Acme Recruiting <" + tc.from + ">\r\nReply-To: hr@acme.test\r\nSubject: x\r\n"
			for _, f := range strings.Split(tc.ar, "\n") {
				if f != "" {
					raw += "Authentication-Results: " + f + "\r\n"
				}
			}
			m, err := Parse([]byte(raw + "\r\nbody\r\n"))
			if err != nil {
				t.Fatal(err)
			}
			p := Verify(m, trusted)
			if p.Result != tc.want || p.How == "" {
				t.Errorf("Verify = %+v, want %s", p, tc.want)
			}
		})
	}
}

// FuzzReading: whatever a stranger sends, the one reading of a message (its text, its
// calendar, its delivery report, its bounds, who proves to have sent it) walks it at most
// once (twice for a bounce returning a bounce), never panics, and says nothing unsafe.
func FuzzReading(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.eml"))
	for i, file := range files {
		if i%8 == 0 {
			if b, err := os.ReadFile(file); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("From: a@b.test\r\nAuthentication-Results: mx.owner.test; dmarc=pass (;) header.from=b.test\r\nContent-Type: text/calendar\r\n\r\nBEGIN:VCALENDAR\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		m, err := Parse(raw)
		if err != nil {
			return
		}
		before := Walks()
		_ = m.Check()
		_ = m.Text(maxText)
		_, _ = m.Calendar()
		v := Machine(m)
		p := Verify(m, []string{"mx.owner.test"})
		if n := Walks() - before; n > 2 {
			t.Fatalf("%d MIME walks", n)
		}
		if p.Result != ProofPass && p.Result != ProofFail && p.Result != ProofNone {
			t.Fatalf("proof %q", p.Result)
		}
		for _, r := range v.Recipients {
			if strings.ContainsAny(r, " \r\n<>") {
				t.Fatalf("recipient %q", r)
			}
		}
	})
}

// TestVerifyDKIM: where no server records Authentication-Results, followup checks the DKIM
// signature itself: a valid signature of the From domain proves the sender; one of another
// domain, a body changed after signing, or a key that is not published prove nothing.
func TestVerifyDKIM(t *testing.T) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	record := "v=DKIM1; k=ed25519; p=" + base64.StdEncoding.EncodeToString(pub)
	lookup := func(name string) ([]string, error) {
		if name == "s1._domainkey.acme.test" {
			return []string{record}, nil
		}
		return nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
	}
	sign := func(domain, raw string) string {
		var b bytes.Buffer
		if err := dkim.Sign(&b, strings.NewReader(raw), &dkim.SignOptions{Domain: domain, Selector: "s1", Signer: priv}); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	msg := "From: Jane Doe <jane@acme.test>\r\nTo: alice@owner.test\r\nSubject: Re: Thank you\r\n\r\nWe would like to invite you to a final round.\r\n"
	cases := []struct {
		name, raw string
		want      ProofResult
	}{
		{"signed by the From domain", sign("acme.test", msg), ProofPass},
		{"signed by another domain", sign("evil.test", msg), ProofNone},
		{"the body changed after signing", strings.Replace(sign("acme.test", msg), "final round", "rejection", 1), ProofNone},
		{"not signed", msg, ProofNone},
		{"a forged From under a real signature", strings.Replace(sign("acme.test", msg), "From: Jane Doe <jane@acme.test>", "From: Jane Doe <jane@acme.test.evil.test>", 1), ProofNone},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, err := Parse([]byte(tc.raw))
			if err != nil {
				t.Fatal(err)
			}
			if p := VerifyDKIM(m, lookup); p.Result != tc.want || p.How == "" {
				t.Errorf("VerifyDKIM = %+v, want %s", p, tc.want)
			}
		})
	}
	m, _ := Parse([]byte(sign("acme.test", msg)))
	m.HeaderOnly = true
	if p := VerifyDKIM(m, lookup); p.Result != ProofNone {
		t.Errorf("a header alone proved %+v", p)
	}
}
