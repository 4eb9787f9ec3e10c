package inbox

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/emersion/go-msgauth/dkim"
)

// Proof is what the owner's own receiving server verified of who sent a message: whether
// the domain of its From address passed DMARC, or an aligned DKIM or SPF check, as recorded
// in Authentication-Results (RFC 8601). A display name, a Reply-To or the From address alone
// prove nothing: anyone can write them.
type Proof struct {
	Domain string      `json:"domain"`       // the From address's domain
	Result ProofResult `json:"result"`       // pass, fail or none
	By     string      `json:"by,omitempty"` // the authserv-id of the server whose record decided
	How    string      `json:"how"`          // the result that decided, or why there is none
}

// ProofResult is a Proof's verdict.
type ProofResult string

const (
	ProofPass ProofResult = "pass" // a trusted server recorded DMARC pass, or an aligned DKIM or SPF pass
	ProofFail ProofResult = "fail" // some server recorded a failure for the domain: never overruled
	ProofNone ProofResult = "none" // no trusted server recorded anything that proves it
)

// Proven reports whether the sender's domain is proven.
func (p Proof) Proven() bool { return p.Result == ProofPass }

// Verify says whether m's From domain is proven by the Authentication-Results fields that a
// server of trusted wrote. trusted holds authserv-ids: "mx.google.com", or ".example.net"
// for any host under example.net. Only those fields count for a pass: any sender can write
// more of them, and a border MTA removes the ones that claim its own id (RFC 8601 §5). A
// failure recorded by any server for the domain makes the proof fail: nobody forging mail
// writes one, and it is never overruled by a pass.
func Verify(m *Message, trusted []string) Proof {
	p := Proof{Domain: domainOf(m.From), Result: ProofNone}
	if p.Domain == "" {
		p.How = "no From address"
		return p
	}
	fields := m.Header.Values("Authentication-Results")
	if len(fields) > maxAuthResults {
		fields = fields[:maxAuthResults]
	}
	var pass *authResult
	for _, f := range fields {
		id, results := parseAuthResults(f)
		var about []authResult
		dmarc := -1
		for _, r := range results {
			if r.about(p.Domain) {
				if r.method == "dmarc" {
					dmarc = len(about)
				}
				about = append(about, r)
			}
		}
		if dmarc >= 0 {
			// DMARC decides where it was evaluated: an SPF failure of forwarded mail
			// whose DKIM signature aligns is no failure of the sender.
			about = about[dmarc : dmarc+1]
		}
		for _, r := range about {
			switch {
			case r.result == "fail":
				p.Result, p.By, p.How = ProofFail, id, clean(r.String())
				return p
			case r.result == "pass" && pass == nil && trustedID(id, trusted):
				rr := r
				pass, p.By = &rr, id
			}
		}
	}
	if pass != nil {
		p.Result, p.How = ProofPass, clean(pass.String())
		return p
	}
	if len(trusted) == 0 {
		p.How = "no trusted receiving server is known (imap.trusted_authserv_id)"
	} else {
		p.How = "no DMARC, aligned DKIM or aligned SPF pass recorded by " + strings.Join(trusted, ", ")
	}
	return p
}

// trustedID reports whether the authserv-id id is one of trusted (".example.net" matching
// any host under example.net).
func trustedID(id string, trusted []string) bool {
	if id == "" {
		return false
	}
	for _, t := range trusted {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == id || strings.HasPrefix(t, ".") && strings.HasSuffix(id, t) {
			return true
		}
	}
	return false
}

// AuthservIDs are the authserv-ids of m's Authentication-Results fields that record a pass
// for domain, topmost first: the owner's own server, when m is the owner's mail it verified.
func AuthservIDs(m *Message, domain string) []string {
	var ids []string
	fields := m.Header.Values("Authentication-Results")
	for _, f := range fields[:min(len(fields), maxAuthResults)] {
		id, results := parseAuthResults(f)
		for _, r := range results {
			if id != "" && r.result == "pass" && r.about(domain) {
				ids = append(ids, id)
				break
			}
		}
	}
	return ids
}

// authResult is one resinfo of an Authentication-Results field: "dkim=pass header.d=acme.test".
type authResult struct {
	method, result string
	props          map[string]string // header.d → acme.test (addresses reduced to their domain)
}

func (r authResult) String() string {
	s := r.method + "=" + r.result
	for _, k := range []string{"header.from", "header.d", "header.i", "smtp.mailfrom"} {
		if v, ok := r.props[k]; ok {
			s += " " + k + "=" + v
		}
	}
	return s
}

// about reports whether r is a result for domain: DMARC for its header.from, DKIM signed
// by it or a domain aligned with it (relaxed alignment, RFC 7489 §3.1), SPF for an aligned
// envelope sender.
func (r authResult) about(domain string) bool {
	var keys []string
	switch r.method {
	case "dmarc":
		keys = []string{"header.from"}
	case "dkim":
		keys = []string{"header.d", "header.i"}
	case "spf":
		keys = []string{"smtp.mailfrom"}
	default:
		return false
	}
	for _, k := range keys {
		if v := r.props[k]; v != "" && aligned(v, domain) {
			return true
		}
	}
	return false
}

// aligned reports whether two domains are the same or one is under the other: relaxed
// alignment without a public-suffix list, which can only make it stricter for
// organisational domains of more than two labels.
func aligned(a, b string) bool {
	return a == b || strings.HasSuffix(a, "."+b) && strings.Count(b, ".") >= 1 || strings.HasSuffix(b, "."+a) && strings.Count(a, ".") >= 1
}

// parseAuthResults splits one Authentication-Results field into its authserv-id and results.
func parseAuthResults(f string) (id string, results []authResult) {
	parts := strings.Split(stripComments(f), ";")
	if len(parts) > 0 {
		if w := strings.Fields(strings.ToLower(parts[0])); len(w) > 0 && !strings.Contains(w[0], "=") {
			id = w[0]
		} else {
			// No authserv-id (Microsoft's fields start with "spf=…"): the field proves
			// nothing, but a failure in it still counts.
			parts = append([]string{""}, parts...)
		}
	}
	for _, res := range parts[1:] {
		words := strings.Fields(strings.ToLower(res))
		if len(words) == 0 {
			continue
		}
		method, result, ok := strings.Cut(words[0], "=")
		if !ok {
			continue
		}
		r := authResult{method: method, result: result, props: map[string]string{}}
		for _, w := range words[1:] {
			prop, value, ok := strings.Cut(w, "=")
			if !ok {
				continue
			}
			value = strings.Trim(value, `"<>`)
			if at := strings.LastIndex(value, "@"); at >= 0 {
				value = value[at+1:]
			}
			r.props[prop] = value
		}
		results = append(results, r)
	}
	return id, results
}

func domainOf(addr string) string {
	at := strings.LastIndex(addr, "@")
	if at < 0 {
		return ""
	}
	return strings.ToLower(strings.TrimSpace(addr[at+1:]))
}

// maxSignatures bounds the DKIM signatures checked: each costs a DNS lookup, and anyone can
// add a thousand.
const maxSignatures = 4

// VerifyDKIM checks m's DKIM signatures itself (RFC 6376, github.com/emersion/go-msgauth),
// for a mailbox whose server records no Authentication-Results: a valid signature by the
// From address's domain, or one aligned with it, proves the sender. lookup is the DNS TXT
// lookup. A signature that does not verify proves nothing, and fails nothing: without the
// domain's DMARC policy a broken signature (a list's footer) is not a forgery. m must hold
// its body.
func VerifyDKIM(m *Message, lookup func(domain string) ([]string, error)) Proof {
	p := Proof{Domain: domainOf(m.From), Result: ProofNone, How: "no DKIM signature of the From domain verifies"}
	if p.Domain == "" || m.HeaderOnly || lookup == nil {
		p.How = "no DKIM check"
		return p
	}
	if n := len(m.Header.Values("DKIM-Signature")); n == 0 {
		p.How = "no DKIM signature, and no Authentication-Results of a trusted server"
		return p
	} else if n > maxSignatures {
		p.How = fmt.Sprintf("%d DKIM signatures: more than %d are not checked", n, maxSignatures)
		return p
	}
	verifs, err := dkim.VerifyWithOptions(bytes.NewReader(m.Raw), &dkim.VerifyOptions{LookupTXT: lookup, MaxVerifications: maxSignatures})
	if err != nil {
		p.How = "DKIM: " + clean(err.Error())
		return p
	}
	for _, v := range verifs {
		if v.Err == nil && aligned(strings.ToLower(v.Domain), p.Domain) && signsFrom(v.HeaderKeys) {
			p.Result, p.By, p.How = ProofPass, "followup", "dkim=pass header.d="+strings.ToLower(v.Domain)+" (verified by followup)"
			return p
		}
	}
	return p
}

// signsFrom reports whether a signature covers the From field (RFC 6376 §5.4 requires it).
func signsFrom(keys []string) bool {
	for _, k := range keys {
		if strings.EqualFold(k, "From") {
			return true
		}
	}
	return false
}
