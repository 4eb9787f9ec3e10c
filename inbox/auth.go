package inbox

import (
	"strings"
)

// maxAuthResults bounds how many Authentication-Results fields are read: a stranger can
// add any number.
const maxAuthResults = 20

// AuthFailure returns the first DKIM, SPF or DMARC result of "fail" that a receiving
// server recorded in Authentication-Results (RFC 8601) for domain, as "dkim=fail
// (header.d=…)"; "" when there is none. Only failures are acted on: anyone can write a
// field saying "pass", and nobody forging a command writes one saying "fail".
func AuthFailure(m *Message, domain string) string {
	domain = strings.ToLower(strings.TrimSpace(domain))
	if domain == "" {
		return ""
	}
	fields := m.Header.Values("Authentication-Results")
	if len(fields) > maxAuthResults {
		fields = fields[:maxAuthResults]
	}
	for _, f := range fields {
		// authserv-id; method=result (comment) ptype.prop=value …; method=result …
		for i, res := range strings.Split(stripComments(f), ";") {
			if i == 0 {
				continue // the authserv-id
			}
			words := strings.Fields(strings.ToLower(res))
			if len(words) == 0 {
				continue
			}
			method, result, ok := strings.Cut(words[0], "=")
			if !ok || result != "fail" || (method != "dkim" && method != "spf" && method != "dmarc") {
				continue
			}
			for _, w := range words[1:] {
				prop, value, ok := strings.Cut(w, "=")
				if !ok {
					continue
				}
				switch prop {
				case "header.d", "header.i", "header.from", "smtp.mailfrom", "smtp.from", "smtp.helo":
					value = strings.Trim(value, `"<>`)
					if at := strings.LastIndex(value, "@"); at >= 0 {
						value = value[at+1:]
					}
					if value == domain {
						return clean(method + "=fail (" + prop + "=" + value + ")")
					}
				}
			}
		}
	}
	return ""
}

// stripComments removes RFC 5322 comments, "(…)", which may hold ';' and '='.
func stripComments(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '(':
			depth++
		case r == ')' && depth > 0:
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}
