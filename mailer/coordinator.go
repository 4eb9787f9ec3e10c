package mailer

import (
	"strconv"
	"strings"
	"time"
)

// coordinatorThanks is the short thanks to whoever arranged the interview: for what a
// coordinator does (arranging, scheduling; the visit when it was on site, the video call
// when it was one), never for how the interview went, which the owner did not say; late
// when it goes late. Its phrasings are chosen per application, as a check-in's are.
func coordinatorThanks(d *Data, day string, late bool, app int, heard *heard) ([]string, string) {
	p := &phrasing{seed: seed(strconv.Itoa(app), "coordinator"), heard: heard}
	role := d.Role
	rw := p.choose("rw", "role", "position", "role")
	what := []string{"arranging my interview for the " + role + " " + rw, "setting up my interview for the " + role + " " + rw,
		"scheduling my interview for the " + role + " " + rw, "organizing my interview for the " + role + " " + rw,
		"coordinating my interview for the " + role + " " + rw, "finding a time for my " + role + " interview"}
	subjects := []string{"Thank you for arranging my interview – " + role, "Thanks for your help with my " + role + " interview",
		"Thank you – " + role + " interview arrangements", "Thank you for setting up my " + role + " interview",
		"Thank you for your help – " + role + " interview", "Thank you for scheduling my " + role + " interview"}
	switch d.Medium {
	case MediumCall:
		what = append(what, "setting up my phone interview for the "+role+" "+rw, "arranging the call about the "+role+" "+rw)
		subjects = append(subjects, "Thank you for setting up my call – "+role)
	case MediumVideo:
		what = append(what, "setting up the video interview for the "+role+" "+rw, "sending the link for my "+role+" video interview")
		subjects = append(subjects, "Thank you for setting up my video interview – "+role)
	case MediumOnSite:
		what = append(what, "arranging my visit to "+d.Company+" for the "+role+" "+rw, "organizing my visit for the "+role+" interview")
		subjects = append(subjects, "Thank you for organizing my visit – "+role+" interview")
	}
	lead := []string{"Thank you for", "Thank you so much for", "Many thanks for", "I wanted to thank you for", "I wanted to say thank you for",
		"Thanks so much for", "I am grateful to you for", "Just a quick note to thank you for", "I really appreciated your help in",
		"Thank you very much for"}
	if late {
		lead = []string{"I am sorry this note comes a little late, but thank you for", "Please forgive the delay in writing: thank you for",
			"I meant to write sooner to thank you for", "A belated thank you for", "I am sorry not to have written sooner. Thank you for"}
		subjects = []string{"A belated thank you – " + role + " interview", "Belated thanks for arranging my " + role + " interview",
			"A late thank you for your help – " + role + " interview"}
	}
	thanks := p.choose("lead", lead...) + " " + p.choose("what", what...) + " " + day
	closes := []string{"If you need anything else from me, I am happy to send it", "Should you need anything from me, I am glad to help",
		"If there is anything more I should send, I will be glad to", "I look forward to hearing about the next steps",
		"I look forward to the next steps", "I look forward to hearing from the team"}
	for _, ask := range []string{"Please let me know", "Do let me know", "Just let me know", "Feel free to let me know"} {
		for _, what := range []string{"if you need anything further from me", "if there is anything else I can send",
			"if any other documents would be useful", "if anything else is needed on my side"} {
			closes = append(closes, ask+" "+what)
		}
	}
	close := p.choose("close", closes...)
	var wishes []string
	if !d.SendAt.IsZero() {
		switch d.SendAt.Weekday() {
		case time.Friday:
			wishes = []string{"have a good weekend", "have a lovely weekend"}
		case time.Saturday, time.Sunday:
		default:
			wishes = []string{"I hope the rest of your week goes well", "have a good rest of the week"}
		}
	}
	// A wish follows a close that is not a condition: "…, and have a good weekend".
	if w := p.maybe("wish", 1, wishes...); w != "" && !strings.HasPrefix(close, "If ") && !strings.HasPrefix(close, "Should ") {
		close += ", and " + w
	}
	// The subject is chosen apart from the words of the body.
	return []string{para(thanks, close)}, (&phrasing{seed: p.seed}).choose("subject", subjects...)
}
