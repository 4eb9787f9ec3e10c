package inbox

import (
	"strings"
	"testing"
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
