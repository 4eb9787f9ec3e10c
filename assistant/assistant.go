// Package assistant holds what followup does, apart from how it runs: what incoming mail
// means and what to do about it, the approval protocol, planning and drafting follow-ups,
// the digest, and the texts followup writes to its owner. It makes no network calls: mail
// it writes is queued in the store, and the deliver loop (package outbox) sends it; mail it
// reads is handed to it by the watcher (package inbox). Package daemon wires it up.
package assistant

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/followupd/followup/config"
	"github.com/followupd/followup/mailer"
	"github.com/followupd/followup/policy"
	"github.com/followupd/followup/store"
)

// Assistant carries out followup's use cases on the store.
type Assistant struct {
	Config   *config.Config
	Store    *store.Store
	Logger   *slog.Logger
	Renderer *mailer.Renderer
	// Now is the clock; tests move it.
	Now func() time.Time
	// DraftLead is how long before a follow-up is due its draft is made and the owner
	// asked, so that an approval can arrive in time.
	DraftLead time.Duration
	// PlanBatch is the most applications one Plan plans (0: no limit). When more are due
	// (every one of them, after an upgrade or a change of the rules), the passes that follow
	// at once plan the rest: the deliver loop, and the store's write lock that a reply's
	// cancellation waits for, are never held for long.
	PlanBatch int
	// Wake, when set, is called when mail was queued or approved: the deliver loop should
	// look at the queue now.
	Wake func()
	// OnHandled, when set, is called once an incoming message has been handled (acted on
	// and recorded, when it concerned anything), with the record and the decision.
	OnHandled func(rec store.Inbound, dec Decision)
	// LookupTXT, when set, is the DNS lookup with which followup checks DKIM signatures
	// itself where no trusted server records Authentication-Results (inbox.VerifyDKIM);
	// nil: it checks none.
	LookupTXT func(domain string) ([]string, error)
}

// New builds an assistant with the templates the configuration names.
func New(cfg *config.Config, st *store.Store, logger *slog.Logger) (*Assistant, error) {
	r, err := mailer.NewRenderer(cfg.Templates.Dir)
	if err != nil {
		return nil, err
	}
	return &Assistant{Config: cfg, Store: st, Logger: logger, Renderer: r, Now: time.Now,
		DraftLead: 24 * time.Hour, PlanBatch: 2000}, nil
}

func (a *Assistant) wake() {
	if a.Wake != nil {
		a.Wake()
	}
}

func (a *Assistant) ownerDomain() string { return policy.Domain(a.Config.Owner.Email) }

// owner returns the owner as a mail address pair.
func (a *Assistant) owner() mailer.Person {
	return mailer.NewPerson(a.Config.Owner.Name, a.Config.Owner.Email)
}

// notifyOnce queues a short notice to the owner (Auto-Submitted); the deliver loop sends
// it. Reading mail never waits on SMTP, and a notice survives an outage or a restart.
// Notices with a key are coalesced: while a notice with the same key was queued within
// the hour, another is dropped. Notices a stranger can cause (a refused command, an
// unreadable message) share one key each, so that nobody can spend the owner's sending quota.
func (a *Assistant) notifyOnce(ctx context.Context, key, subject, body string, headers map[string]string) {
	n := store.Outgoing{Kind: store.KindNotice, ToOwner: true, Subject: "[followup] " + subject, Body: body + "\n\n-- \nfollowup\n",
		Key: key, MessageID: mailer.NewOwnMessageID(a.ownerDomain(), a.Now()), CreatedAt: a.Now(), Headers: headers}
	id, err := a.Store.Enqueue(ctx, n)
	if err != nil {
		a.Logger.Error("notice not queued", "subject", subject, "err", err)
		return
	}
	if id == 0 {
		a.Logger.Info("notice coalesced with one queued within the hour", "subject", subject, "key", key)
		return
	}
	a.wake()
}

// SendFailed tells the owner that a follow-up could not be sent and will not be tried again.
func (a *Assistant) SendFailed(ctx context.Context, app store.Application, m store.Message, cause string) {
	a.tell(ctx, "", "send_failed", struct {
		What    string
		DraftID int64
		Error   string
	}{Describe(app, m.Kind, app.Contact(m.ContactID)), m.ID, clean(cause, 400)})
}

// SendRefused tells the owner that a follow-up was refused before SMTP: it held text that
// must never reach a contact (Guard).
func (a *Assistant) SendRefused(ctx context.Context, app store.Application, m store.Message, why string) {
	a.tell(ctx, "", "send_refused", struct {
		What, Why string
		DraftID   int64
	}{Describe(app, m.Kind, app.Contact(m.ContactID)), clean(why, 300), m.ID})
}

// Describe names a follow-up for the owner: what it is, to whom, for which application.
func Describe(app store.Application, kind policy.Kind, c store.Contact) string {
	what := map[policy.Kind]string{
		policy.ThankYou: "thank-you", policy.ThankCoordinator: "thanks for arranging the interview",
		policy.CheckIn: "check-in", policy.MoveOn: "move-on notice",
	}[kind]
	switch kind {
	case policy.MoveOn:
		return fmt.Sprintf("%s for %s at %s", what, app.Role, app.Company)
	case policy.RejectionReply:
		return fmt.Sprintf("reply to %s after their rejection (%s, %s)", address(c), app.Company, app.Role)
	}
	return fmt.Sprintf("%s to %s (%s, %s)", what, address(c), app.Company, app.Role)
}

// address is a contact as "Name <address>", or the address alone when there is no name.
func address(c store.Contact) string {
	if c.Name == "" {
		return c.Email
	}
	return fmt.Sprintf("%s <%s>", c.Name, c.Email)
}

// clean makes untrusted text one safe line of at most n bytes.
func clean(s string, n int) string { return clip(mailer.HeaderSafe(s), n) }

// quote makes untrusted text safe to show in a plain-text notice: one line, bounded, quoted.
func quote(s string) string { return fmt.Sprintf("%q", clean(s, 200)) }

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// firstLines quotes the first lines of untrusted text for a plain-text notice: control
// characters removed, each line bounded and marked as quoted.
func firstLines(text string, n int) string {
	var out []string
	for _, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = clean(line, 200)
		if line == "" || strings.HasPrefix(line, ">") {
			continue
		}
		out = append(out, "  | "+line)
		if len(out) == n {
			break
		}
	}
	if len(out) == 0 {
		return "  | (no text)"
	}
	return strings.Join(out, "\n")
}
