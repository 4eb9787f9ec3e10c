// Package outcome reads a human reply from a company for what it says about the
// application: an invitation to a next round, an offer, a rejection, a question or request,
// logistics, or other. It is pure and conservative: a reply gets an offer or a rejection
// only on the phrases recruiters write for them, never both at once, and when unsure it says
// other. Each result carries the reasons it used. English, German, French and Spanish.
package outcome

import (
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Kind is what a reply says.
type Kind string

const (
	NextRound Kind = "next_round" // an invitation to another interview, or scheduling one
	Offer     Kind = "offer"
	Rejection Kind = "rejection"
	Question  Kind = "question" // a request: references, a form, documents, availability
	Logistics Kind = "logistics"
	Other     Kind = "other"
)

// Result is a classification and why.
type Result struct {
	Kind    Kind     `json:"outcome"`
	Reasons []string `json:"reasons"`
}

// maxText bounds what is read: the owner's copy of the reply is untrusted.
const maxText = 16 << 10

type rule struct {
	kind Kind
	re   *regexp.Regexp
}

func rules(kind Kind, phrases ...string) []rule {
	var out []rule
	for _, p := range phrases {
		out = append(out, rule{kind, regexp.MustCompile(`(?i)` + p)})
	}
	return out
}

// negated is a negation just before an offer or next-round phrase ("we are not able to
// offer you", "not selected for the next stage").
var negated = regexp.MustCompile(`(?i)\b(not|unable|cannot|can't|won't|no longer|nicht|kein|pas|ne|no podemos|no)[^\p{L}\p{N}]+([\p{L}\p{N}']+[^\p{L}\p{N}]+){0,4}$`)

var all = slices.Concat(
	rules(Offer,
		`pleased to (extend|make) (you )?(an|the|a formal|a written)? ?offer`, `(happy|delighted|excited|thrilled|pleased) to offer you`,
		`would like to offer you (the|a|this) (position|role|job)`, `offer you the (position|role|job)`, `(formal|written|verbal) offer`,
		`offer letter`, `extend (you )?an offer`,
		`(freuen uns|freue mich),? Ihnen (ein|das) (Vertrags)?angebot`, `möchten Ihnen die (Stelle|Position) anbieten`, `Vertragsangebot`,
		`(avons le plaisir|sommes heureux) de vous (proposer|faire une offre)`, `proposition d'embauche`, `promesse d'embauche`,
		`(nos complace|tenemos el placer de) ofrecerle`, `ofrecerle el puesto`, `oferta formal`, `carta oferta`),
	rules(Rejection,
		`(decided|chosen) (not )?to (move|go) (forward|ahead) with (other|another|a different)`, `(not|won't|will not) (be )?(moving|move|going) forward with (your|you)`,
		`decided not to (proceed|move forward|progress)`, `(pursue|proceed with|continue with) (other|another) candidate`,
		`(position|role) has (now )?been filled`, `regret to inform`, `(were|was|have been) not (successful|selected)`,
		`unsuccessful on this occasion`, `not (be )?progressing (your application|with your application)`,
		`(unable|not able) to offer you`, `will not be (moving|taking) (forward|your application)`, `other candidates whose`,
		`decided to go with (another|a different) candidate`,
		`(uns )?für (einen anderen|eine andere) (Kandidat|Bewerber)\w* entschieden`, `nicht (weiter )?berücksichtigen`,
		`(leider )?(eine )?Absage`, `nicht in die engere Auswahl`, `müssen (wir )?Ihnen leider mitteilen`,
		`ne pas (donner suite|retenir)`, `n'a pas été retenue?`, `pas été retenue?`, `(regret|regrettons) de vous (informer|annoncer)`,
		`(avons|a) (retenu|choisi) un autre (candidat|profil)`,
		`lamentamos (informarle|comunicarle)`, `(no|ha) (ha )?sido seleccionad`, `(decidido|optado) (por )?no (continuar|avanzar|seguir)`,
		`(otro|otra) candidat[oa]`),
	rules(NextRound,
		`next (round|stage|step in (the|our) (interview|hiring) process)`, `(second|final|technical|follow-up|onsite|on-site|panel) (interview|round)`,
		`invite you (to|for) (a|an|the|another)`, `(would like|like) to (schedule|set up|arrange) (a|an|another|the next)`,
		`move (you )?forward to the`, `meet (the|our) (team|hiring manager|CTO|VP)`, `book a (time|slot)`, `calendly\.com`,
		`(are you|would you be) (free|available) (on|for|next|this|tomorrow)`, `(can|could) you do (mon|tues|wednes|thurs|fri)day`,
		`next (conversation|call|chat|meeting) (would|will) be`, `for the next (conversation|call|chat)`,
		`(nächste|zweite|weitere) (Runde|Gesprächsrunde)`, `(zweites|weiteres|finales) (Gespräch|Interview)`, `zu einem (weiteren|zweiten) Gespräch`,
		`(prochaine|deuxième|seconde) (étape|entretien|tour)`, `(second|deuxième|dernier) entretien`, `vous (inviter|convier) à un`,
		`(siguiente|próxima) (etapa|fase|ronda)`, `segunda entrevista`, `(invitarle|invitarte) a (una|la)`),
	rules(Logistics,
		`receipts?\b`, `reimburse`, `expense (report|claim|form)`, `travel (costs|expenses|booking|arrangements)`, `parking`, `directions to`,
		`visitor (badge|pass)`, `(hotel|train|flight) (booking|ticket)`,
		`Reisekosten`, `Quittung`, `Belege`, `Anfahrt`, `Erstattung`,
		`notes? de frais`, `rembourse`, `justificatifs`, `frais de (déplacement|transport)`, `itinéraire`,
		`reembolso`, `recibos`, `gastos de (viaje|desplazamiento)`, `indicaciones para llegar`),
	rules(Question,
		`references?\b`, `(could|can|would) you (please )?(send|share|provide|fill|complete|let (me|us) know)`, `(fill in|fill out|complete|return) (the|this|our)( \w+){0,3} (form|questionnaire)`,
		`transcripts?`, `portfolio`, `work samples?`, `salary expectations`, `notice period`, `right to work`,
		`Referenzen`, `Zeugnisse`, `(könnten|können|würden) Sie (uns )?(bitte )?`, `Formular`, `Gehaltsvorstellung`, `Kündigungsfrist`,
		`références`, `pourriez-vous`, `formulaire`, `prétentions salariales`, `préavis`,
		`referencias`, `(podría|podrías|puede) (enviarnos|enviar|compartir|indicarnos)`, `formulario`, `expectativas salariales`),
)

// Classify reads the reply's subject and own text (without the quotation of the owner's
// mail).
func Classify(subject, text string) Result {
	if len(text) > maxText {
		text = text[:maxText]
	}
	s := strings.Join(strings.Fields(subject+"\n"+text), " ")
	hits := map[Kind][]string{}
	for _, r := range all {
		for _, loc := range r.re.FindAllStringIndex(s, 4) {
			if (r.kind == Offer || r.kind == NextRound) && negated.MatchString(s[max(0, loc[0]-40):loc[0]]) {
				continue // "we are not able to offer you…" is no offer, "not selected for the next stage" no invitation
			}
			hits[r.kind] = append(hits[r.kind], strings.ToLower(s[loc[0]:loc[1]]))
		}
	}
	reasons := func(k Kind) []string {
		seen := map[string]bool{}
		var out []string
		for _, h := range hits[k] {
			if !seen[h] {
				seen[h] = true
				out = append(out, string(k)+`: "`+strings.ReplaceAll(h, `"`, `'`)+`"`)
			}
		}
		sort.Strings(out)
		return out
	}
	switch {
	case len(hits[Offer]) > 0 && len(hits[Rejection]) > 0:
		return Result{Other, append(append([]string{"both an offer and a rejection: unsure"}, reasons(Offer)...), reasons(Rejection)...)}
	case len(hits[Rejection]) > 0 && len(hits[NextRound]) > 0:
		return Result{Other, append(append([]string{"a rejection and another round (\"not this role, but…\"): unsure"}, reasons(Rejection)...), reasons(NextRound)...)}
	case len(hits[Offer]) > 0:
		return Result{Offer, reasons(Offer)}
	case len(hits[Rejection]) > 0:
		return Result{Rejection, reasons(Rejection)}
	case len(hits[NextRound]) > 0:
		return Result{NextRound, reasons(NextRound)}
	case len(hits[Logistics]) > 0:
		return Result{Logistics, reasons(Logistics)}
	case len(hits[Question]) > 0:
		return Result{Question, reasons(Question)}
	}
	return Result{Other, []string{"no phrase of an offer, a rejection, another round, a request or logistics"}}
}
