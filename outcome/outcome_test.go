package outcome

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

type labelled struct {
	want, lang, subject, text string
}

func corpus(t testing.TB) []labelled { return labelledFile(t, "testdata/replies.txt") }

func labelledFile(t testing.TB, path string) []labelled {
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []labelled
	for _, e := range strings.Split(string(raw), "\n=== ")[1:] {
		head, body, _ := strings.Cut(e, "\n")
		label, lang, _ := strings.Cut(strings.TrimSpace(head), " ")
		subject, text, _ := strings.Cut(body, "\n")
		out = append(out, labelled{label, lang, strings.TrimPrefix(subject, "Subject: "), text})
	}
	return out
}

// TestClassify_Corpus: over the labelled replies (testdata/replies.txt, four languages),
// an offer or a rejection is never said of a reply that is not one (precision ≥ 95 %, and
// here 100 %); recall and a confusion table are logged (go test -run TestClassify_Corpus -v
// ./outcome).
func TestClassify_Corpus(t *testing.T) {
	c := corpus(t)
	if len(c) < 60 {
		t.Fatalf("%d labelled replies, want at least 60", len(c))
	}
	said, right, total := map[Kind]int{}, map[Kind]int{}, map[Kind]int{}
	type cell struct{ said, right, total int }
	byLang := map[string]map[Kind]*cell{}
	confusion := map[string]int{}
	for _, r := range c {
		got := Classify(r.subject, r.text)
		said[got.Kind]++
		total[Kind(r.want)]++
		if byLang[r.lang] == nil {
			byLang[r.lang] = map[Kind]*cell{}
			for _, k := range []Kind{Offer, Rejection, NextRound, Question, Logistics, Other} {
				byLang[r.lang][k] = &cell{}
			}
		}
		byLang[r.lang][got.Kind].said++
		byLang[r.lang][Kind(r.want)].total++
		if string(got.Kind) == r.want {
			byLang[r.lang][got.Kind].right++
			right[got.Kind]++
		} else {
			confusion[r.want+" → "+string(got.Kind)]++
			t.Logf("%s (%s) read as %s: %q %v", r.want, r.lang, got.Kind, r.subject, got.Reasons)
		}
		if len(got.Reasons) == 0 {
			t.Errorf("no reasons for %q", r.subject)
		}
	}
	var b strings.Builder
	for _, k := range []Kind{Offer, Rejection, NextRound, Question, Logistics, Other} {
		precision := 1.0
		if said[k] > 0 {
			precision = float64(right[k]) / float64(said[k])
		}
		fmt.Fprintf(&b, "  %-10s precision %5.1f %% (%d/%d)  recall %5.1f %% (%d/%d)\n", k, 100*precision, right[k], said[k],
			100*float64(right[k])/float64(max(total[k], 1)), right[k], total[k])
		if (k == Offer || k == Rejection) && precision < 0.95 {
			t.Errorf("%s precision %.1f %%, want at least 95 %%: a wrong %s is worse than other", k, 100*precision, k)
		}
	}
	// Per language: right of those labelled so (recall), and right of those said so
	// (precision), for each outcome.
	langs := make([]string, 0, len(byLang))
	for l := range byLang {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	fmt.Fprintf(&b, "  by language (recall right/labelled, precision right/said):\n")
	for _, l := range langs {
		fmt.Fprintf(&b, "  %s:", l)
		for _, k := range []Kind{Offer, Rejection, NextRound, Question, Logistics, Other} {
			x := byLang[l][k]
			fmt.Fprintf(&b, "  %s %d/%d, %d/%d", k, x.right, x.total, x.right, x.said)
		}
		fmt.Fprintln(&b)
	}
	var conf []string
	for k, n := range confusion {
		conf = append(conf, fmt.Sprintf("%s: %d", k, n))
	}
	sort.Strings(conf)
	t.Logf("%d replies:\n%s  confused: %s", len(c), b.String(), strings.Join(conf, ", "))
}

// TestClassify_Unsure: mixed and negated replies are other, never a guessed offer or
// rejection.
func TestClassify_Unsure(t *testing.T) {
	for _, text := range []string{
		"We are not able to offer you the position at this time, but we'd like to invite you to a final interview for the Staff role.",
		"Not this role, I'm afraid - we decided to move forward with another candidate - but the Data team would like to schedule a second interview.",
		"We hope to make you an offer soon; the team is still deciding.",
	} {
		if got := Classify("Update", text); got.Kind == Offer || got.Kind == Rejection {
			t.Errorf("%q read as %s %v", text, got.Kind, got.Reasons)
		}
	}
	if got := Classify("Update", "Unfortunately we are unable to offer you the role."); got.Kind != Rejection {
		t.Errorf("a negated offer is a rejection: %s %v", got.Kind, got.Reasons)
	}
}

// TestClassify_Scheduling: recruiters ask for a time for the next talk without naming a
// round ("Can you do Tuesday at 3pm for the next conversation?"); that is another round, not
// other.
func TestClassify_Scheduling(t *testing.T) {
	for _, text := range []string{
		"Can you do Tuesday at 3pm for the next conversation?",
		"Thanks Alice! Are you free on Thursday afternoon for a chat with Priya, our head of engineering?",
		"Would you be available next week for a call with the founders?",
		"Hi Alice, could you do Monday morning? The next call would be with the team lead.",
	} {
		if got := Classify("Re: Thank you", text); got.Kind != NextRound {
			t.Errorf("%q read as %s %v, want next_round", text, got.Kind, got.Reasons)
		}
	}
}

func FuzzClassify(f *testing.F) {
	for _, r := range corpus(f) {
		f.Add(r.subject, r.text)
	}
	f.Fuzz(func(t *testing.T, subject, text string) {
		got := Classify(subject, text)
		if got.Kind == "" || len(got.Reasons) == 0 {
			t.Fatalf("no outcome or no reason: %+v", got)
		}
	})
}

// TestClassify_HeldOut: replies written after the rules and never used to tune them. Their
// figures are reported (go test -run TestClassify_HeldOut -v ./outcome); the one thing that
// fails the test is a wrong offer or rejection, which is worse than "other".
func TestClassify_HeldOut(t *testing.T) {
	c := labelledFile(t, "testdata/heldout.txt")
	right, wrong := 0, 0
	per := map[string][2]int{}
	for _, r := range c {
		got := Classify(r.subject, r.text)
		x := per[r.want]
		x[1]++
		if string(got.Kind) == r.want {
			right++
			x[0]++
		} else {
			t.Logf("%s (%s) read as %s: %q %v", r.want, r.lang, got.Kind, r.subject, got.Reasons)
			if got.Kind == Offer || got.Kind == Rejection {
				wrong++
				t.Errorf("a wrong %s: %q", got.Kind, r.subject)
			}
		}
		per[r.want] = x
	}
	var parts []string
	for _, k := range []Kind{Offer, Rejection, NextRound, Question, Logistics, Other} {
		parts = append(parts, fmt.Sprintf("%s %d/%d", k, per[string(k)][0], per[string(k)][1]))
	}
	t.Logf("held out: %d of %d read right (%s); %d wrong offers or rejections", right, len(c), strings.Join(parts, ", "), wrong)
}

// TestClassify_Families names each family issue 21 found misread in real mail: a reschedule
// or a cancellation of an interview is never a rejection, a bare regret is unsure, and the
// rejections, offers, requests and logistics that the rules did not know.
func TestClassify_Families(t *testing.T) {
	for _, c := range []struct {
		name, subject, text string
		want                Kind
	}{
		{"French reschedule after a regret", "Entretien", "Bonjour Alice, j'ai le regret de vous informer que nous devons reporter l'entretien prévu jeudi. Seriez-vous disponible lundi à 10h ?", NextRound},
		{"German interview moved", "Vorstellungsgespräch", "Hallo Alice, leider müssen wir das Vorstellungsgespräch am Donnerstag verlegen. Passt Ihnen Montag um 10 Uhr?", NextRound},
		{"German interview cancelled", "Vorstellungsgespräch", "Hallo Alice, leider müssen wir das Vorstellungsgespräch am Donnerstag absagen, da die Stelle vorerst auf Eis liegt.", Other},
		{"an interview cancelled, the role on hold", "Update", "Hi Alice, unfortunately we have to cancel Thursday's interview: the role has been put on hold for now.", Other},
		{"a reschedule asked as a question", "Re: Interview", "Hi Alice, would it be possible to reschedule our call to Friday at 2pm?", NextRound},
		{"not selected", "Your application", "Thank you for applying. Your application was not selected for further consideration.", Rejection},
		{"not retained, French", "Votre candidature", "Nous sommes au regret de vous informer que votre candidature n'a pas été retenue.", Rejection},
		{"will not be pursued", "Your application", "After review, your application will not be pursued further.", Rejection},
		{"filled internally", "Backend Engineer", "We wanted to let you know that the role has been filled internally.", Rejection},
		{"a farewell alone", "Your application", "Thank you for your interest and your time. We wish you all the best in your future endeavours.", Rejection},
		{"a farewell alone, German", "Ihre Bewerbung", "Vielen Dank für Ihr Interesse. Für Ihre zukünftigen Vorhaben wünschen wir Ihnen alles Gute.", Rejection},
		{"a farewell alone, Spanish", "Su candidatura", "Gracias por su interés. Le deseamos mucho éxito en sus futuros proyectos.", Rejection},
		{"an offer extended", "Offer", "Hi Alice, we are pleased to extend an offer for the Backend Engineer role.", Offer},
		{"an offer welcoming you", "Welcome", "We are thrilled to be welcoming you to the team as our new Backend Engineer.", Offer},
		{"a conditional offer listing checks", "Conditional offer", "We are pleased to make you a conditional offer, subject to references and a background check.", Offer},
		{"references as the next step", "Next steps", "As the next step, could you please send us the contact details of two professional references?", Question},
		{"a status update after the onsite interviews", "Update", "Hi Alice, we've completed all onsite interviews and will share an update next week.", Other},
		{"parking", "Tomorrow", "Visitor parking is behind building B; please check in at reception when you arrive.", Logistics},
		{"an interview reminder", "Reminder: your interview tomorrow", "This is a reminder of your interview tomorrow at 10:00 at our office, 1 Main Street.", Logistics},
		{"a bare regret", "Update", "We regret to inform you that the office will be closed on Friday.", Other},
		{"the next step asked about in a receipt", "Votre candidature", "Nous avons bien reçu votre candidature. Quelle est la prochaine étape ? En général, nous répondons en quelques jours.", Other},
		{"a reminder to complete an application", "", "Le enviamos un recordatorio para que complete su postulación terminando su registro en la plataforma.", Question},
		{"a reschedule, French participle", "Entretien", "Votre session d'entretien est reprogrammée de lundi 10h à mardi 14h.", NextRound},
		{"a shortlist, Spanish", "Su solicitud", "Su solicitud se preseleccionó para una llamada o una entrevista.", NextRound},
		{"not shortlisted, Spanish", "Su solicitud", "Lamentablemente su solicitud no ha sido preseleccionada.", Other},
		{"not selected, Spanish object pronoun", "Su solicitud", "Nuestro equipo revisó su solicitud y no la seleccionó para mayor consideración.", Rejection},
		{"not retained, French object pronoun", "Votre candidature", "Notre équipe a évalué votre candidature et ne l'a pas retenue.", Rejection},
		{"a declined application, French subject", "Candidature déclinée", "Bonjour, nous avons étudié votre candidature avec la plus grande attention.", Rejection},
		{"an interview scheduled", "Interview Scheduled: Technical Round on 05-05-2021", "Your interview has been scheduled. Please find the details below.", NextRound},
		{"an interview not yet scheduled", "Update", "Your interview has not been scheduled yet; we will write again next week.", Other},
		{"a questionnaire to answer, Spanish", "", "Nos gustaría que respondiera algunas preguntas. Responda el cuestionario antes del 05/05/2021.", Question},
		{"an assessment to complete", "Next steps", "Please take a short online assessment before Friday.", Question},
		{"a reminder of an interview is not a new interview scheduled", "", "This is a reminder about your interview scheduled on 05-05-2021 at 11:00.", Logistics},
		{"a booking confirmed", "Your appointment has been successfully booked", "Thank you for arranging an appointment with us. Below you can see the appointment details.", NextRound},
		{"a booking's details changed, with a link to reschedule or cancel", "", "Appointment details have changed\nService\nInterview\nReschedule / Cancel Appointment", Logistics},
		{"a link to reschedule or cancel, German", "", "Ihr Termin: Vorstellungsgespräch.\nMöchten Sie einen neuen Termin finden oder absagen? https://example.com/b/1", Other},
		{"a calendar reminder: a date and a place as fields", "Notification: Interview", "Interview\nDate:\nMon, Dec 14, 10:00\nWhere:\nAcme, 1 Main Street", Logistics},
		{"a meeting moved, German participle", "Termin", "Ihr Termin wurde verschoben.", NextRound},
		{"an invitation to an event, its place as a field", "Invitation: Interview", "Colleen Diaz would like to invite you to \"Interview\"\nLocation: Acme, 1 Main Street", NextRound},
		{"an event cancelled, its place as a field", "Annulé : Entretien", "\"Entretien\" a été annulé(e)\nLieu : Acme, 1 rue Principale", Other},
		{"an event updated, French", "", "Colleen Diaz a mis à jour l'évènement Entretien : Backend Engineer", Logistics},
		{"an invitation to a talent community is no interview", "", "We would like to invite you to join our talent community for future openings.", Other},
		{"a place in a signature is no logistics", "", "Thanks Alice, we'll be in touch.\n--\nJane Doe\nLocation: Berlin", Other},
		{"a place and a time as fields are logistics", "", "Where: Acme HQ, 1 Main St\nWhen: Monday 10:00", Logistics},
		{"an invitation to interview, contracted", "", "Hi Alice, we'd like to invite you to interview with the team next week. Are you free Tuesday?", NextRound},
		{"an invitation to apply again is no interview, Spanish", "Su solicitud", "Lamentablemente su solicitud no ha sido aceptada. Le invitamos a participar en futuras convocatorias.", Rejection},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Classify(c.subject, c.text); got.Kind != c.want {
				t.Errorf("%q read as %s %v, want %s", c.text, got.Kind, got.Reasons, c.want)
			}
		})
	}
}

// TestClassify_FarewellInAnAcknowledgement: a wish for the job search in a mail that says the
// application is still being read is no rejection.
func TestClassify_FarewellInAnAcknowledgement(t *testing.T) {
	text := "Thank you for applying. We have received your application and will be in touch soon. All the best in your job search!"
	if got := Classify("Your application", text); got.Kind == Rejection {
		t.Errorf("read as a rejection: %v", got.Reasons)
	}
}
