package inbox

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"time"
)

// Kind is what the daemon takes a message for.
type Kind string

const (
	KindCommand    Kind = "command"    // the owner's answer to an approval request
	KindReply      Kind = "reply"      // a human at the company answered
	KindAutoReply  Kind = "auto_reply" // out of office, vacation, list or bulk mail (RFC 3834)
	KindBounce     Kind = "bounce"     // a delivery failure report
	KindInvitation Kind = "invitation" // a calendar invitation (iTIP REQUEST or CANCEL): never a reply
	KindOther      Kind = "other"
)

// Verdict is what a message is, and why.
type Verdict struct {
	Kind       Kind
	Reason     string
	Recipients []string  // for a bounce: the failed addresses
	Permanent  bool      // for a bounce: false for a delay report
	ReturnDate time.Time // for an out-of-office reply, when it names one
	// OriginalID is the Message-ID of the returned message in a bounce, when there is one.
	OriginalID string
	// Automated is set for other mail that a machine wrote (an abuse report, a no-reply
	// sender): it is never a human reply.
	Automated bool
	// SubjectOnly is set for an auto-reply recognised only by signs a person's answer can
	// carry too (the subject, a helpdesk's Precedence: bulk or Auto-Submitted: auto-generated,
	// List-Id): a real reply to a subject that happens to hold "vacation" looks the same, so the
	// caller takes it for a reply when it is in a followup thread or from a contact.
	SubjectOnly bool
}

// Machine decides whether m was written by a machine: a bounce, an abuse report, an
// auto-reply or list mail. Anything else is KindOther, for the caller to link to an
// application (a human reply) or ignore. It reads only the message, never the store.
func Machine(m *Message) Verdict {
	ct, params := contentType(m)
	rt := strings.ToLower(params["report-type"])
	switch {
	case ct == "multipart/report" && rt == "feedback-report":
		return Verdict{Kind: KindOther, Automated: true, Reason: "an abuse feedback report (RFC 5965), not about a follow-up"}
	case m.Header.Get("X-HmXmrOriginalRecipient") != "" || complaintSubject.MatchString(m.Subject) && ct == "multipart/mixed":
		return Verdict{Kind: KindOther, Automated: true, Reason: "a spam complaint report, not about a follow-up"}
	case ct == "multipart/report" && rt == "delivery-status" && challengeNotice.MatchString(head(m, 8<<10)):
		// Boxbe and its kind wrap their challenge in a delivery report ("Action: failed",
		// a 4.7.0 status): the mail waits for the sender to confirm, nothing failed.
		return Verdict{Kind: KindAutoReply, Reason: "a challenge-response system's notice (the message waits for the sender to confirm), not a failed delivery"}
	case ct == "multipart/report" && rt == "delivery-status":
		return bounce(m, "a delivery status report (RFC 3464)")
	case m.Header.Get("X-Failed-Recipients") != "":
		return bounce(m, "a delivery failure report (X-Failed-Recipients)")
	}
	if why := bounceSigns(m); why != "" {
		return bounce(m, why)
	}
	if noReply.MatchString(localPart(m.From)) {
		return Verdict{Kind: KindOther, Automated: true, Reason: "from a no-reply address: no person answers from there"}
	}
	text := m.Text(16 << 10)
	if ar := autoReplySigns(&m.Header, m.Subject, text); ar.Auto {
		v := Verdict{Kind: KindAutoReply, Reason: strings.Join(ar.Signs, "; "), SubjectOnly: ar.Weak}
		v.ReturnDate = ReturnDate(text, messageDate(m), MonthFirst(m, text))
		return v
	}
	return Verdict{Kind: KindOther, Reason: "no sign of a machine"}
}

func contentType(m *Message) (string, map[string]string) {
	ct, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		return "", map[string]string{}
	}
	return strings.ToLower(ct), params
}

// messageDate is when the message says it was written, or the zero time: a return date is
// read against the message's own year, never the wall clock's.
func messageDate(m *Message) time.Time {
	if t, err := m.Header.Date(); err == nil && !t.IsZero() {
		return t
	}
	return time.Time{}
}

var (
	daemonFrom = phrases{"mailer-daemon", "mailer_daemon", "mailerdaemon", "postmaster", "post_master", "mail deliver",
		"mail administrator", "system administrator", "mail system", "mdaemon"}
	daemonLocal = map[string]bool{"post_master": true, "mailer-daemon": true, "postmaster": true, "mail-daemon": true, "mailerdaemon": true,
		"mdaemon": true, "mailer_daemon": true, "mail.daemon": true, "bounce": true, "bounces": true, "mailadmin": true, "mail-delivery": true}
	bounceSubject = phrases{"undeliver", "delivery notification", "delivery status notification", "delivery failure",
		"delivery has failed", "delivery problem", "failure notice", "returned mail", "mail delivery failed", "could not be delivered",
		"nondelivery", "non-delivery", "non delivery", "not delivered", "delivery report", "returned to sender", "mail system error",
		"rejected", "message status", "warning: could not send", "delayed mail", "delivery delayed", "unzustellbar",
		"nicht zustellbar", "non remis", "no entregado", "permanent error", "delivery failed", "failed delivery", "mail failure",
		"error sending", "message not delivered", "delivery final failure", "sending failed", "メールエラー", "配信エラー"}
	bounceBody = regexp.MustCompile(`(?i)(could not be delivered|couldn't be delivered|permanent (fatal )?error|delivery to the following recipient|` +
		`undeliverable|user unknown|unknown user|no such user|mailbox unavailable|does not exist|recipient address rejected|` +
		`delivery has failed|failed permanently|message could not be sent|this is the mail system|mail delivery system|` +
		`delivery status notification|there was an error delivering|returned mail|not reach the following recipient|` +
		`host unknown|mailbox is full|over quota|quota exceeded|address rejected|unrouteable|550[ -]5\.|5\.[0-9]\.[0-9]+)`)
)

func localPart(addr string) string {
	l, _, _ := strings.Cut(strings.ToLower(addr), "@")
	return l
}

// bounceSigns recognises delivery failure reports that are not RFC 3464: the sender is a
// mail system (MAILER-DAEMON, postmaster, a null Return-Path) and the subject or the text
// says delivery failed.
func bounceSigns(m *Message) string {
	fromDaemon := daemonLocal[localPart(m.From)] || daemonLocal[localPart(m.Sender)] ||
		daemonFrom.MatchString(m.Header.Get("From"))
	nullSender := strings.TrimSpace(m.Header.Get("Return-Path")) == "<>" || (m.From == "" && m.Header.Get("From") != "")
	subj := bounceSubject.MatchString(m.Subject)
	switch {
	case fromDaemon && subj:
		return "from a mail system, and the subject says delivery failed"
	case fromDaemon && bounceBody.MatchString(head(m, 8<<10)):
		return "from a mail system, and the text says delivery failed"
	case sesBounce.MatchString(head(m, 8<<10)):
		return "an Amazon SES bounce notification"
	case nullSender && (subj || returnsOriginal(m)) && bounceBody.MatchString(head(m, 8<<10)):
		return "a null return path, and subject and text say delivery failed"
	case subj && returnsOriginal(m) && bounceBody.MatchString(head(m, 8<<10)):
		return "the subject and text say delivery failed, and the original is attached"
	case subj && transcript.MatchString(head(m, 16<<10)):
		return "the subject says delivery failed and the text is a mail system's report (perhaps forwarded)"
	}
	return ""
}

// returnsOriginal says whether m carries a returned message, as a report's part or in its
// header's type (a multipart/mixed report holds it as a part).
func returnsOriginal(m *Message) bool {
	raw := m.Raw[:min(len(m.Raw), 64<<10)]
	return strings.Contains(strings.ToLower(m.Header.Get("Content-Type")), "message/rfc822") ||
		bytes.Contains(bytes.ToLower(raw), []byte("content-type: message/rfc822"))
}

// head returns the start of the body as text: the plain text part, or the raw body.
func head(m *Message, n int) string {
	if t := m.Text(int64(n)); strings.TrimSpace(t) != "" {
		return t
	}
	_, body, _ := bytes.Cut(m.Raw, []byte("\n\n"))
	if len(body) > n {
		body = body[:n]
	}
	return string(body)
}

var (
	complaintSubject = regexp.MustCompile(`(?i)(complaint about message|abuse report|spam report)`)
	noReply          = regexp.MustCompile(`^(no-?reply|do-?not-?reply|donotreply|noreply-.*|notifications?|feedbackloop|fbl|bounces?(\+.*)?)$`)
	transcript       = regexp.MustCompile(`(?i)(the following addresses had (permanent )?(fatal )?errors|transcript of session follows|this is the mail system at host|` +
		`i'm afraid i wasn't able to deliver|delivery to the following recipients? failed|could not be delivered to one or more recipients)`)
)

// phrases matches text that contains any of a set of lower-case phrases, whatever its
// case; a phrase ending in \b must end a word. The subject and sender tests run on every
// message of a catch-up: this costs a microsecond where a case-folding regexp alternation
// cost tens.
type phrases []string

// MatchString reports whether s contains one of the phrases.
func (p phrases) MatchString(s string) bool {
	s = strings.ToLower(s)
	for _, w := range p {
		word, boundary := strings.CutSuffix(w, `\b`)
		for i := 0; ; {
			j := strings.Index(s[i:], word)
			if j < 0 {
				break
			}
			end := i + j + len(word)
			if !boundary || end == len(s) || !isWordByte(s[end]) {
				return true
			}
			i += j + 1
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z'
}

// AutoHeader says which header field marks m as written by a machine (RFC 3834 §5
// Auto-Submitted, the X-Auto* fields, Precedence), or "" when none does. It is the test an
// owner's command must pass: the subject and the return path do not count there.
// X-Auto-Response-Suppress is a request to others, not a sign of an auto-reply.
func AutoHeader(m *Message) string {
	h := m.Header
	if v := strings.ToLower(strings.TrimSpace(h.Get("Auto-Submitted"))); v != "" && v != "no" {
		return "Auto-Submitted: " + v + " (RFC 3834)"
	}
	for _, k := range []string{"X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Autogenerated", "X-Auto-Reply-From"} {
		if h.Get(k) != "" {
			return k + " header"
		}
	}
	for _, k := range []string{"Precedence", "X-Precedence"} {
		switch v := strings.ToLower(strings.TrimSpace(h.Get(k))); v {
		case "auto_reply", "bulk", "junk", "list":
			return k + ": " + v
		}
	}
	return ""
}

// bounce reads the failed recipients and whether the failure is permanent.
func bounce(m *Message, why string) Verdict {
	v := Verdict{Kind: KindBounce, Reason: why, Permanent: true}
	parts := walk(m)
	if parts.status == "" && strings.Contains(strings.ToLower(string(m.Raw)), "final-recipient:") {
		// A delivery-status part the MIME parser could not find (a broken boundary).
		_, body, _ := bytes.Cut(bytes.ReplaceAll(m.Raw, []byte("\r\n"), []byte("\n")), []byte("\n\n"))
		parts.status = string(body)
	}
	if parts.status != "" {
		rcpts, permanent, any := parseDeliveryStatus(parts.status)
		if any {
			v.Recipients, v.Permanent = rcpts, permanent
		}
	}
	if len(v.Recipients) == 0 {
		for _, a := range strings.Split(m.Header.Get("X-Failed-Recipients"), ",") {
			if a = strings.ToLower(strings.Trim(strings.TrimSpace(a), "<>")); strings.Contains(a, "@") {
				v.Recipients = appendUniq(v.Recipients, a)
			}
		}
	}
	report := parts.report
	if report == "" {
		report = head(m, 64<<10)
	}
	report = cutReturned(report)
	if mm := sesRecipients.FindStringSubmatch(report); len(v.Recipients) == 0 && mm != nil {
		for _, a := range addrRe.FindAllString(mm[1], -1) {
			v.Recipients = appendUniq(v.Recipients, a)
		}
	}
	if len(v.Recipients) == 0 {
		v.Recipients = textRecipients(report, m)
	}
	if len(v.Recipients) == 0 && parts.returned != "" && depth(m) < 2 {
		// A bounce of a bounce: the failure is reported inside.
		if inner, err := Parse([]byte(parts.returned)); err == nil {
			inner.nested = depth(m) + 1
			if iv := Machine(inner); iv.Kind == KindBounce && len(iv.Recipients) > 0 {
				v.Recipients, v.Permanent = iv.Recipients, iv.Permanent
			}
		}
	}
	if len(v.Recipients) == 0 && parts.returned != "" {
		// Last resort: the returned message's own To.
		if to := headerValue([]byte(parts.returned), "To"); to != "" {
			v.Recipients = appendUniq(nil, firstAddr(to))
		}
	}
	if parts.status == "" && delayRe.MatchString(report+" "+m.Subject) && !failRe.MatchString(report) {
		v.Permanent = false
	}
	v.OriginalID = firstID(headerValue([]byte(parts.returned), "Message-ID"))
	if v.OriginalID == "" {
		if mm := origIDRe.FindStringSubmatch(head(m, 64<<10)); mm != nil {
			v.OriginalID = mm[1]
		}
	}
	return v
}

var (
	delayRe  = regexp.MustCompile(`(?i)(delayed|delay|will (continue to )?retry|will be retried|not yet been delivered|has not been delivered yet|could not send message for past|temporar(y|ily)|4\.[0-9]\.[0-9]+)`)
	failRe   = regexp.MustCompile(`(?i)(permanent|fatal|gave up|giving up|5\.[0-9]\.[0-9]+|could not be delivered|user unknown|does not exist|undeliverable)`)
	origIDRe = regexp.MustCompile(`(?im)^\s*Message-I[dD]:\s*<([^<>\s]+)>`)
	// Amazon SES posts its bounces as JSON through SNS.
	sesBounce     = regexp.MustCompile(`"notificationType"\s*:\s*"Bounce"`)
	sesRecipients = regexp.MustCompile(`"bouncedRecipients"\s*:\s*\[([^\]]*)\]`)
	localAddrRe   = regexp.MustCompile(`[a-z0-9._%+\-=/!#$&'*?^{|}~]+@[a-z0-9][a-z0-9\-]*`)
	addrRe        = regexp.MustCompile(`[A-Za-z0-9._%+\-=/!#$&'*?^{|}~]+@[A-Za-z0-9][A-Za-z0-9.\-]*\.[A-Za-z]{2,}`)
)

func appendUniq(list []string, a string) []string {
	a = strings.ToLower(a)
	for _, x := range list {
		if x == a {
			return list
		}
	}
	return append(list, a)
}

func firstAddr(s string) string {
	return strings.ToLower(addrRe.FindString(s))
}

// parseDeliveryStatus reads the per-recipient fields of a message/delivery-status part
// (RFC 3464 §2.3): Final-Recipient (or Original-Recipient), Action and Status.
func parseDeliveryStatus(text string) (rcpts []string, permanent, any bool) {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	permanent = false
	for _, block := range strings.Split(text, "\n\n") {
		var final, orig, action, status string
		for _, line := range strings.Split(block, "\n") {
			k, val, ok := strings.Cut(line, ":")
			if !ok {
				continue
			}
			val = strings.TrimSpace(val)
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "final-recipient":
				final = val
			case "original-recipient":
				orig = val
			case "action":
				action = strings.ToLower(val)
			case "status":
				status = val
			}
		}
		// The final recipient may be a host's own name ("kijitora@mailhub0"); the original one
		// is the address the mail was sent to, which the caller matches: keep both.
		addr, also := firstAddr(final), firstAddr(orig)
		if addr == "" {
			addr = localAddrRe.FindString(strings.ToLower(final))
		}
		if addr == "" {
			addr, also = also, ""
		}
		if addr == "" {
			continue
		}
		if also != "" && also != addr && action != "delivered" && action != "relayed" && action != "expanded" {
			rcpts = appendUniq(rcpts, also)
		}
		any = true
		temp := action == "delayed" || action == "relayed" || action == "delivered" || action == "expanded" ||
			strings.HasPrefix(status, "4") || strings.HasPrefix(status, "2")
		if action == "failed" || strings.HasPrefix(status, "5") {
			temp = false
		}
		if action == "delivered" || action == "relayed" || action == "expanded" {
			continue // not a failure at all
		}
		rcpts = appendUniq(rcpts, addr)
		if !temp {
			permanent = true
		}
	}
	return rcpts, permanent, any && len(rcpts) > 0
}

// The returned original often follows the report in the same text: cut it off, so that
// its addresses are not taken for the failed recipient.
var returnedMarker = regexp.MustCompile(`(?im)^.{0,20}(message headers follow|original message follows|` +
	`this is a copy of the message|copy of the original message|below this line is a copy|` +
	`original message headers|headers of the original message|-+ ?original message ?-+|-+ ?forwarded message|` +
	`content-type: message/rfc822|content-type: text/rfc822-headers|^received: from|^return-path:|unsent message below|` +
	`-+ ?(this is a copy|message text|the header of the original|returned message)|included is a copy|original message is attached)`)

func cutReturned(report string) string {
	if loc := returnedMarker.FindStringIndex(report); loc != nil && loc[0] > 0 {
		return report[:loc[0]]
	}
	return report
}

// contactLine is a line that gives an address to write to for help, not a failed one.
var contactLine = regexp.MustCompile(`(?i)(contact|assistance|for further|for more information|helpdesk|help desk|please (write|send|mail)|abuse)`)

func depth(m *Message) int { return m.nested }

var idLine = regexp.MustCompile(`(?i)(message-id|msgid|queue id|\bid\b[:=]|<[^<>]*@[^<>]*>\s*\(?\s*(in reply|id))`)

// textRecipients finds the failed address in a report written for people: addresses on
// lines that speak of a recipient or a failure come first; the bounce's own sender and
// addressee, mail-system accounts and message ids are left out.
func textRecipients(report string, m *Message) []string {
	skip := map[string]bool{m.From: true, m.Sender: true, m.ReturnPath: true}
	addressee := map[string]bool{}
	for _, t := range m.To {
		addressee[t] = true
	}
	lines := strings.Split(strings.ReplaceAll(report, "\r\n", "\n"), "\n")
	// An address given for help anywhere in the report is not a failed one.
	for _, line := range lines {
		if contactLine.MatchString(line) {
			for _, a := range addrRe.FindAllString(line, -1) {
				skip[strings.ToLower(a)] = true
			}
		}
	}
	var strong, weak []string
	for _, line := range lines {
		if idLine.MatchString(line) || contactLine.MatchString(line) || strings.HasPrefix(strings.TrimSpace(strings.ToLower(line)), "received:") {
			continue
		}
		for _, a := range addrRe.FindAllString(line, -1) {
			a = strings.ToLower(strings.TrimRight(a, "."))
			if skip[a] || daemonLocal[localPart(a)] || strings.HasPrefix(localPart(a), "postmaster") {
				continue
			}
			if bounceBody.MatchString(line) || recipientLine.MatchString(line) {
				strong = appendUniq(strong, a)
			} else if !addressee[a] {
				weak = appendUniq(weak, a)
			}
		}
	}
	if len(strong) > 0 {
		return strong
	}
	if len(weak) > 0 {
		return weak[:1]
	}
	return nil
}

var recipientLine = regexp.MustCompile(`(?i)(recipient|<[^<>]+@[^<>]+>\s*:|^\s*[^\s]+@[^\s]+\s*$|^\s*[^\s]+@[^\s]+\s*(:|\.\.\.|on |\()|to:|address|mailbox|delivery to|failed|rcpt|user)`)

type mimeParts struct {
	status   string // message/delivery-status
	report   string // the human-readable report (first text/plain part)
	returned string // the returned message or its headers
}

// walk is a report's parts, from the one walk of the message.
func walk(m *Message) mimeParts {
	r := m.read()
	return mimeParts{status: r.status, report: r.report, returned: r.returned}
}

// MaybeBounce says, from the header alone, whether m may be a delivery report: whom it
// concerns is in its body, which must then be read.
func MaybeBounce(m *Message) bool {
	ct, _ := contentType(m)
	return ct == "multipart/report" || m.Header.Get("X-Failed-Recipients") != "" ||
		daemonLocal[localPart(m.From)] || daemonFrom.MatchString(m.Header.Get("From")) ||
		bounceSubject.MatchString(m.Subject)
}
