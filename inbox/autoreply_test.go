package inbox

import (
	"fmt"
	"hash/fnv"
	"net/textproto"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fields is a header for autoReplySigns in a test.
type fields map[string]string

func (f fields) Get(k string) string { return f[textproto.CanonicalMIMEHeaderKey(k)] }

// TestAutoReplySigns names each family of signs the issue found missed or mistaken: each
// auto-reply is recognised by a sign no person's answer carries (strong), each helpdesk or
// subject sign is weak (a person's answer in the thread stays one), and a person who mentions
// an absence is not a machine.
func TestAutoReplySigns(t *testing.T) {
	for _, c := range []struct {
		name          string
		h             fields
		subject, text string
		auto, weak    bool
	}{
		{"Return-Path MAILER-DAEMON", fields{"Return-Path": "<MAILER-DAEMON>"}, "Re: Thank you", "Thanks for your message.", true, false},
		{"no_reply with an underscore", fields{"From": "HR <no_reply@acme.example>"}, "Re: Thank you", "Thank you.", true, false},
		{"nomail sender", fields{"From": "nomail@insurer.example"}, "Your message", "Thank you.", true, false},
		{"automated-notifications sender", fields{"From": "automated-notifications@forms.example"}, "Your message", "Thank you.", true, false},
		{"an acknowledgement of receipt by its subject", fields{}, "Acknowledgement of receipt", "Dear sender, thank you.", true, true},
		{"a Latvian responder's subject", fields{}, "Automātiskā atbilde: Thank you", "Sveiki!", true, false},
		{"a person's reply to a subject about a vacation", fields{}, "Re: Vacation policy question", "Hi Alice, yes, 25 days.", true, true},
		{"the text says it is automated", fields{}, "Re: Thank you", "This is an automated response. Your message has been received.", true, false},
		{"an absence as the first statement", fields{}, "Re: Thank you", "Hello,\n\nI am out of the office until 3 May with limited access to email.\nFor urgent matters please contact hr@acme.example.", true, false},
		{"German absence", fields{}, "AW: Danke", "Sehr geehrte Damen und Herren,\n\nich bin bis zum 3. Mai nicht im Büro. In dringenden Fällen wenden Sie sich bitte an hr@acme.example.", true, false},
		{"receipt, German", fields{}, "Ihre Nachricht", "Wir haben Ihre Nachricht erhalten und melden uns.", true, false},
		{"RFC 3834 auto-replied", fields{"Auto-Submitted": "auto-replied"}, "Re: Thank you", "Away.", true, false},
		{"a helpdesk's Precedence: bulk is weak", fields{"Precedence": "bulk"}, "Re: [#123] Thank you", "Hi Alice, Jane here: the team would like to meet you.", true, true},
		{"Zendesk's auto-generated on a person's answer is weak", fields{"Auto-Submitted": "auto-generated"}, "Re: Thank you", "Hi Alice, thanks!", true, true},
		{"a person mentions an absence in passing", fields{}, "Re: Thank you", "Thanks Alice! I'm away next week, so let's talk on the 12th.", false, false},
		{"a person out today, but answering", fields{}, "Re: Thank you", "Hi,\n\nI'm out of the office today but wanted to reply quickly: Tuesday works.", false, false},
		{"a person writes after the greeting", fields{}, "Re: Thank you", "Hi Alice,\n\nthanks for your note. I am on leave until Monday, then let's schedule the call.", false, false},
		{"Zammad's receipt with the ticket number", fields{"Auto-Submitted": "auto-generated"}, "Thanks for your inquiry", "Your request (Ticket#31001) has been received and will be reviewed by our support staff.", true, false},
		{"Znuny's closed ticket", fields{"Precedence": "bulk"}, "RE: Thank you", "Your previous ticket is closed.\n\n-- A new ticket has been created for you. --", true, false},
		{"a machine's phrase after the quote", fields{}, "RE: Thank you", "Thanks for your follow-up email\n\nYou wrote:\n> Dear Ms Weber,\n\nYour email will be answered by a human ASAP.", true, false},
		{"vacation(1)'s default message", fields{}, "away from my mail", "I will not be reading my mail for a while.\nYour mail concerning \"Thank you\"\nwill be read when I return.", true, false},
		{"a person quoting a machine's phrase is not one", fields{}, "Re: Thank you", "Sounds good, see you Tuesday.\n\n> This message has been automatically generated in response to your mail.", false, false},
		{"a Danish absence with its date (KDE's text)", fields{}, "Re: Thank you", "Jeg er væk fra kontoret indtil lørdag den 1. august 2026.\nKontakt venligst Anna.", true, false},
		{"a Swedish absence and the reply promised on return (Modoboa's text)", fields{}, "Re: Thank you", "Jag är borta. Jag svarar så fort jag kommer tillbaka.", true, false},
		{"a Turkish absence, the verb last (Postfix Admin's text)", fields{}, "Re: Thank you", "2026-07-27 ile 2026-08-14 tarihleri arası burada bulunmayacağım.", true, false},
		{"osTicket's request created", fields{}, "Re: Thank you", "Dear Alex,\n\nA request for support has been created and assigned #31001.", true, false},
		{"a person's Swedish absence with a but", fields{}, "Re: Thank you", "Jag är borta till 3/8, men vi kan ses på tisdag.", false, false},
		{"a person's Russian absence with a but (no ASCII word boundary)", fields{}, "Re: Thank you", "Я в отпуске до 2026 года, но могу созвониться во вторник.", false, false},
		{"German Weg, the noun, is no absence", fields{}, "Re: Thank you", "Ich bin weg-bereitend tätig gewesen, bis 2026.", false, false},
		{"thanks, then the absence and a responder's promise (OpenPaaS's text)", fields{}, "Re: Thank you", "Thanks a lot for your message. I am currently out of office and will get back to you soon.", true, false},
		{"thanks on its own line, then an absence with a date only, is a person's", fields{}, "Re: Thank you", "Thanks for your message.\nI am away until 3 May, then let's talk.", false, false},
		{"a Russian but that announces the return (OpenPaaS's text)", fields{}, "Re: Thank you", "Большое спасибо за ваше письмо. В настоящий момент я нахожусь вне офиса, но буду доступен в ближайшее время.", true, false},
		{"a Low German absence, its until Latvian's but (KDE's text)", fields{}, "Re: Thank you", "Ik bün bet Sünnavend, de 1. August 2026 nich in't Kontoor.", true, false},
		{"a contrast after the statement is still a person's aside", fields{}, "Re: Thank you", "Ich bin bis Freitag nicht im Büro, aber ruf mich gern an.", false, false},
		{"a Bulgarian absence with its date (KDE's text)", fields{}, "Re: Thank you", "Аз съм извън офиса до събота, 1 август 2026 г..", true, false},
		{"a Chinese greeting, thanks and absence, the ideographic full stop (Tuta's text)", fields{}, "Re: Thank you", "您好，\n\n謝謝您的電郵。我不在辦公室，很快就會回來。現時我只能有限度使用電郵。", true, false},
		{"a Chinese absence after thanks with no responder's phrase is a person's", fields{}, "Re: Thank you", "您好，\n\n謝謝您的電郵。我不在辦公室，明天再談。", false, false},
		{"a Slovak but that announces the return (Tuta's text)", fields{}, "Re: Thank you", "Dobrý deň.\n\nĎakujem za Váš e-mail. Som mimo kancelárie, ale čoskoro sa tam vrátim. Dovtedy budem mať obmedzený prístup k e-mailu.", true, false},
		{"X-Auto-Response-Suppress is no sign", fields{"X-Auto-Response-Suppress": "All"}, "Re: Thank you", "Sounds good.", false, false},
		{"a Latvian absence with its date (Tuta's Latvian subject as the statement)", fields{}, "Re: Thank you", "Labdien!\n\nEsmu ārpus biroja līdz 14.08.2026.", true, false},
		{"a Latvian absence alone is a person's", fields{}, "Re: Thank you", "Esmu ārpus biroja.", false, false},
		{"a Latvian absence with a but is a person's aside", fields{}, "Re: Thank you", "Esmu ārpus biroja līdz 14.08., bet otrdien varam runāt.", false, false},
		{"a Lithuanian absence with its date (Group-Office's 'Nesu darbe')", fields{}, "Re: Thank you", "Nesu darbe iki 2026-08-14.", true, false},
		{"an automatic statement whose first sentence runs on (Avelsieve's Norwegian)", fields{}, "Re: Thank you", "Dette er et automatisk svar; Jeg er ikke tilgjengelig og har ikke anledning til å svare deg med en gang. Jeg gir svar på din epost så snart jeg er tilbake.", true, false},
		{"a bare statement of absence is a person's (Group-Office's text)", fields{}, "Re: Thank you", "I am on vacation", false, false},
		// Exchange 2000/2003 put a localised "Out of Office AutoReply:" before the subject: the
		// absence and the automatic answer both, which no person's reply in a thread begins with.
		{"Exchange 2003's English out-of-office subject", fields{}, "Out of Office AutoReply: Thank you", "I am out of the office.", true, false},
		{"Exchange 2003's French out-of-office subject", fields{}, "Réponse automatique d'absence du bureau : Merci", "Je suis absent.", true, false},
		// Mailers that write a subject in a charset without the language's letters drop the
		// accents (a shop's filter matches "automatiska atbilde", inikoo/aiku): the phrases are
		// matched with and without them.
		{"a Latvian responder's subject without its accents", fields{}, "Automatiska atbilde: Thank you", "Sveiki!", true, false},
		{"a Latvian absence and answer in the subject, accents dropped", fields{}, "Arpus biroja automatiska atbilde: Thank you", "Sveiki!", true, false},
		{"a person's reply about an out-of-office stays weak", fields{}, "Re: Out of office autoreply question", "Hi, yes, set it up.", true, true},
		{"a person's subject naming only an absence stays weak", fields{}, "Out of office next week", "Hi Alice, I'm away Monday to Wednesday; Thursday works.", true, true},
		// A ticket system puts its tag before the responder's prefix (Request Tracker's default
		// AutoReply template, "[rt.example #33575] AutoReply: …"); a person's answer in that
		// thread begins "Re:" before the tag.
		{"a ticket tag before a responder's prefix (Request Tracker)", fields{}, "[support.example #33575] AutoReply: Thank you", "", true, false},
		{"a person's reply to a ticket's auto-reply stays weak", fields{}, "Re: [support.example #33575] AutoReply: Thank you", "Hi, thanks.", true, true},
		{"a person's ticket subject naming an auto-reply stays weak", fields{}, "[support.example #33575] Autoreply settings broken", "Hi, please help.", true, true},
		// Request Tracker's status notices (etc/initialdata: the templates Resolved, "Subject:
		// Resolved: {$Ticket->Subject}", and Status Change, "Subject: Status Changed to: …",
		// sent by the scrips On Resolve / On Status Change Notify Requestors; RT's own test
		// t/mail/html-outgoing.t receives "[example.com #1] Resolved: The internet is broken").
		// A person who answers in that thread writes "Re:" before the tag.
		{"a ticket system's resolved notice (Request Tracker)", fields{}, "[example.com #1] Resolved: The internet is broken", "", true, false},
		{"a ticket system's status change (Request Tracker)", fields{}, "[example.com #1] Status Changed to: open", "", true, false},
		{"Request Tracker's resolved template by its words alone", fields{}, "Re: Thank you", "According to our records, your request has been resolved. If you have any\nfurther questions or concerns, please respond to this message.", true, false},
		{"a person's answer to a resolved notice stays a person's", fields{}, "Re: [example.com #1] Resolved: The internet is broken", "Thanks, it works now.", false, false},
		{"a person's ticket subject about a resolved problem is no notice", fields{}, "[example.com #1] Resolved issue came back", "Hi, it is broken again.", false, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := autoReplySigns(c.h, c.subject, c.text)
			if got.Auto != c.auto || got.Auto && got.Weak != c.weak {
				t.Errorf("auto %v weak %v %v, want auto %v weak %v", got.Auto, got.Weak, got.Signs, c.auto, c.weak)
			}
		})
	}
}

// autoRepliesReadFromHeldOut are held-out auto-replies whose misses were read at the first
// run of the enlarged corpus (2026-12-07: held out 5/8; a Bluebottle and two Boxbe
// challenge-response notices, the Boxbe ones taken for bounces): they count as tuning from
// then on, and the README gives the first-run figure.
//
// bounce_email's Latvian Exchange out-of-office was missed at its first run (held out 77/78)
// and left unread for two sessions; it was read on 2026-12-07 (the fifth session), after its
// subject's two halves were found in others' sources ("automatiska atbilde", unaccented, in
// inikoo/aiku's responder openings; "ārpus biroja" in Tuta's Latvian subject) and the rules
// were written from those and from Exchange 2003's English and French subjects. It counts as
// tuning from then on.
//
// notmuch's Request Tracker notice of a resolved ticket was missed at its first run (held out
// 6/7 of the auto-replies as received) and left unread for a session; it was read in the sixth
// session, and the rules were written from Request Tracker's own templates (etc/initialdata:
// Resolved, Status Change) and its own test's subject, not from the file. It counts as tuning
// from then on.
var autoRepliesReadFromHeldOut = map[string]bool{
	"bounceparser-bluebottle.eml": true, "bounceparser-boxbe-cr.eml": true, "bounceparser-boxbe-cr2.eml": true,
	"bounceemail-exchange-latvian-ooo.eml": true, "rcv-notmuch-rt-resolved.eml": true,
}

// heldOutAutoReplyMisses are held-out auto-replies missed at their first run and left
// unread, so that no rule is written from them (2026-12-07: bounce_email's Exchange
// out-of-office, held out 5/6; 2026-12-07, later: Znuny's default reject, held out 30/31 of the
// systems' own texts, taken for a person's answer: only Auto-Submitted: auto-generated and
// Precedence: bulk). The test fails when any other held-out auto-reply is missed,
// and names these without their reason, which stays unread. The Latvian out-of-office is read
// now (autoRepliesReadFromHeldOut). 2026-12-07, later still: of the auto-replies as received
// from notmuch, SpamAssassin and Mailpile, held out 2/3 at their first run, Request Tracker's
// notice on a resolved ticket was missed (read in the sixth session: autoRepliesReadFromHeldOut).
var heldOutAutoReplyMisses = map[string]bool{}

// autoReplyReturns are the return dates the auto-replies name, read by hand: Lotus Notes'
// "until 05/01/2010" is day-first (a British sender, written on 4 January 2010); AOL's
// "until 05/07/2010", written on 5 July 2010, can only be day-first (7 May had passed).
var autoReplyReturns = map[string]string{
	"bounceparser-warning-6.eml": "2010-01-05", "bounceparser-aol-vacation.eml": "2010-07-05",
	// The systems' own texts (tuning part), their dates filled in by scripts/autoreplies-corpus.py:
	// KDE's "till <the locale's long date>", Postfix Admin's "from 2026-07-27 until 2026-08-14".
	"sys-kde-sieve-de.eml": "2026-08-01", "sys-kde-sieve-en-gb.eml": "2026-08-01", "sys-kde-sieve-it.eml": "2026-08-01",
	"sys-kde-sieve-pt-br.eml": "2026-08-01", "sys-postfixadmin-ca.eml": "2026-08-14", "sys-postfixadmin-cs.eml": "2026-08-14",
	"sys-postfixadmin-es.eml": "2026-08-14", "sys-postfixadmin-fr.eml": "2026-08-14", "sys-postfixadmin-nl.eml": "2026-08-14",
	"sys-postfixadmin-pl.eml": "2026-08-14", "sys-postfixadmin-nb.eml": "2026-08-14", "sys-postfixadmin-nn.eml": "2026-08-14",
	"sys-postfixadmin-sk.eml": "2026-08-14", "sys-postfixadmin-ua.eml": "2026-08-14", "sys-postfixadmin-tr.eml": "2026-08-14",
	"sys-postfixadmin-ko.eml": "2026-08-14", "sys-postfixadmin-eu.eml": "2026-08-14", "sys-postfixadmin-mk.eml": "2026-08-14",
}

// wordsOnly tells the systems' texts whose sender's header is not known: Tuta's
// autoresponder text is the client's (tutao/tutanota), but the reply is sent by Tuta's server,
// whose code is not public, so the file carries only the fields every message has and is
// read by its words alone, not counted with the auto-replies as received.
func wordsOnly(name string) bool { return strings.HasPrefix(name, "sys-tuta-") }

// bareStatement tells the systems' texts that are a bare statement of absence and nothing
// else: Group-Office's default reason, "I am on vacation" ("Ich bin nicht da.", "Estou de
// férias"), with no date, no word of the return and no name. A person writes that too, so by
// its words alone it is left to people, as the guards require (a date or a responder's phrase
// must confirm a statement of absence); its headers (Auto-Submitted) make it a machine's. The
// test requires that of the tuning part and prints both halves.
func bareStatement(name string) bool { return strings.HasPrefix(name, "sys-groupoffice-") }

func heldOut(name string) bool {
	h := fnv.New32a()
	h.Write([]byte(name))
	return h.Sum32()%2 == 1
}

// TestAutoReply_Corpus reads the real auto-replies of the corpus (testdata/corpus/bounces
// rfc3834-*, testdata/corpus/autoreplies) and the real human replies of the answers corpus
// (testdata/answers-real: 209 replies as written) and the 42 real people's mails that mention an
// absence of testdata/corpus/humans-absence (absenceMails). The systems' own texts (sys-*) are
// read a second time by their words alone, header and subject set aside (but for the bare
// statements of bareStatement, which must stay people's by their words alone). Every
// auto-reply but those of heldOutAutoReplyMisses must be recognised, none with weak signs only (so never taken for a person's
// answer in the thread); no human reply may show a strong sign in its text. Figures for both
// halves (by the hash rule of the corpora) are printed: go test -run TestAutoReply_Corpus -v
// ./inbox.
func TestAutoReply_Corpus(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "corpus", "bounces", "rfc3834-*.eml"))
	more, _ := filepath.Glob(filepath.Join("..", "testdata", "corpus", "autoreplies", "*.eml"))
	files = append(files, more...)
	var score, words, bare [2][2]int // [held out][right, total]
	var wordsMissed [2][]string
	for _, f := range files {
		m := parseFile(t, f)
		v := Machine(m)
		i := map[bool]int{true: 1}[heldOut(filepath.Base(f)) && !autoRepliesReadFromHeldOut[filepath.Base(f)]]
		// A no-reply sender is read as a machine's mail before any auto-reply sign: either
		// way it is never a person's answer.
		if want, ok := autoReplyReturns[filepath.Base(f)]; ok && v.ReturnDate.Format(time.DateOnly) != want {
			t.Errorf("%s: return date %s, want %s (read against the message's own Date)", filepath.Base(f), v.ReturnDate.Format(time.DateOnly), want)
		}
		if base := filepath.Base(f); strings.HasPrefix(base, "sys-") {
			// Issue 21: the systems' own texts read a second time by their words alone, the
			// header and subject set aside, as when the same text comes from a system that
			// writes no header sign (vacation(1), an Outlook rule, an old Exchange).
			got := autoReplySigns(fields{}, "Re: Thank you for the interview", m.Text(16<<10))
			switch machine := got.Auto && !got.Weak; {
			case bareStatement(base):
				bare[i][1]++
				if !machine {
					bare[i][0]++
				} else if i == 0 {
					t.Errorf("%s: a bare statement of absence taken for a machine's by its words alone: %v", base, got.Signs)
				}
			case machine:
				words[i][0]++
				words[i][1]++
			default:
				words[i][1]++
				wordsMissed[i] = append(wordsMissed[i], base)
			}
			if wordsOnly(base) {
				continue
			}
		}
		score[i][1]++
		switch {
		case v.Kind == KindAutoReply && !v.SubjectOnly || v.Kind == KindOther && v.Automated:
			score[i][0]++
		case i == 1 && heldOutAutoReplyMisses[filepath.Base(f)]:
			t.Logf("%s: held out, missed at its first run and left unread", filepath.Base(f))
		case i == 1:
			// A held-out miss is named without its reason, so that whoever runs the test
			// first does not read why and write a rule from it.
			t.Errorf("%s: a held-out auto-reply missed (its reason left unread: name it in heldOutAutoReplyMisses)", filepath.Base(f))
		default:
			t.Errorf("%s: an auto-reply read as %s (weak only: %v): %s", filepath.Base(f), v.Kind, v.SubjectOnly, v.Reason)
		}
	}
	var humans [2][2]int
	for _, split := range []string{"tuning", "heldout"} {
		for _, a := range realAnswers(t, split) {
			i := map[bool]int{true: 1}[split == "heldout"]
			humans[i][1]++
			if got := autoReplySigns(fields{}, "Re: Thank you", a.body); got.Auto && !got.Weak {
				t.Errorf("%s: a person's reply taken for a machine's: %v", a.name, got.Signs)
			} else {
				humans[i][0]++
			}
		}
	}
	absent := absenceMails(t)
	f := func(x [2]int) string { return fmt.Sprintf("%d/%d", x[0], x[1]) }
	t.Logf("auto-replies recognised: tuning %s, held out %s; human replies left to people: tuning %s, held out %s; "+
		"people's mail that mentions an absence left to people: tuning %s, held out %s",
		f(score[0]), f(score[1]), f(humans[0]), f(humans[1]), f(absent[0]), f(absent[1]))
	t.Logf("the systems' own texts recognised by their words alone: tuning %s, held out %s; missed in the tuning part: %v; "+
		"held out, left unread: %v", f(words[0]), f(words[1]), wordsMissed[0], wordsMissed[1])
	t.Logf("the systems' bare statements of absence (Group-Office's) left to people by their words alone: tuning %s, held out %s",
		f(bare[0]), f(bare[1]))
	// Issue 21: at least 40 real people's mails that mention an absence, and at least 95 % of
	// the held-out auto-replies recognised.
	if score[1][0]*100 < 95*score[1][1] {
		t.Errorf("held out: %s auto-replies recognised, want at least 95 %%", f(score[1]))
	}
	// The words alone: every text of the tuning part (the rules were written from them), and
	// at least 26 of the held-out ones, a count and not a share: 8/36 at the first run, 19/38
	// after the first rules (2026-12-07); with KDE's 18 more translations, in languages the
	// tuning part mostly does not have, 20/49 at their first run and 21/49 after the rules
	// written from their tuning half; with Tuta's 38 texts 22/73 at their first run, and still
	// 22/73 after the rules written from theirs; with Avelsieve's 19 texts 26/89 at their
	// first run, and still 26/89 after the rules written from theirs
	// (testdata/corpus/autoreplies/SOURCES.md). A share falls with every held-out language
	// added; the count may not.
	if len(wordsMissed[0]) > 0 {
		t.Errorf("tuning: %v not recognised by their words alone", wordsMissed[0])
	}
	if words[1][0] < 26 {
		t.Errorf("held out: %s of the systems' texts recognised by their words alone, want at least 26", f(words[1]))
	}
	if len(files) < 6 || humans[0][1]+humans[1][1] < 200 || absent[0][1]+absent[1][1] < 40 {
		t.Fatalf("%d auto-replies, %d human replies and %d people's mails that mention an absence, want the corpora",
			len(files), humans[0][1]+humans[1][1], absent[0][1]+absent[1][1])
	}
}

// parseFile reads and parses one message of a corpus.
func parseFile(t *testing.T, path string) *Message {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// absenceMails reads the real people's mails that mention an absence
// (testdata/corpus/humans-absence: "I am in London this week but I can pick up my messages
// from here.") with their own header fields, as the daemon does: each must be left to people,
// neither an auto-reply (but for a subject sign only, which a person's answer in the thread
// overrides) nor a machine's mail. It returns [held out][left to people, total].
func absenceMails(t *testing.T) [2][2]int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "testdata", "corpus", "humans-absence", "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	var n [2][2]int
	for _, f := range files {
		m := parseFile(t, f)
		i := map[bool]int{true: 1}[heldOut(filepath.Base(f))]
		n[i][1]++
		switch v := Machine(m); {
		case v.Kind == KindAutoReply && !v.SubjectOnly, v.Kind == KindBounce, v.Automated:
			t.Errorf("%s: a person's mail that mentions an absence taken for a machine's (%s): %s", filepath.Base(f), v.Kind, v.Reason)
		default:
			n[i][0]++
		}
	}
	return n
}

// FuzzAutoReplySigns: any header, subject and text give an answer without panicking, and a
// weak verdict is never given without a sign.
func FuzzAutoReplySigns(f *testing.F) {
	f.Add("<MAILER-DAEMON>", "no_reply@acme.example", "bulk", "Automatic reply: Thank you", "I am out of the office until 3 May.")
	f.Add("", "jane@acme.example", "", "Re: Thank you", "Hello,\n\nich bin bis zum 3. Mai nicht im Büro.")
	f.Fuzz(func(t *testing.T, returnPath, from, precedence, subject, text string) {
		got := autoReplySigns(fields{"Return-Path": returnPath, "From": from, "Precedence": precedence}, subject, text)
		if got.Auto != (len(got.Signs) > 0) || got.Weak && !got.Auto {
			t.Fatalf("inconsistent: %+v", got)
		}
	})
}
