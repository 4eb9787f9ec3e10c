// Package outcome reads a human reply from a company for what it says about the
// application: an invitation to a next round, an offer, a rejection, a question or request,
// logistics, or other. It is pure and conservative: a reply gets an offer or a rejection
// only on the phrases recruiters write for them, read within their clause (a negation, a
// condition or a past event before the phrase takes it back), never both at once, and when
// unsure it says other. Each result carries the reasons it used. English, German, French and
// Spanish.
//
// The method is rules, not a trained model: the labelled real mail there is to learn from
// (testdata/real) is a few dozen texts, too few to train a model that could be trusted with
// the costly answers (an offer, a rejection), while a rule names the phrase it used, which
// the owner sees as the reason.
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

// family is a group of phrases that say one thing. A weak family says it only in company:
// a bare "we regret to inform you" precedes a rejection as often as a reschedule.
type family struct {
	kind Kind
	name string
	weak bool
	res  []*regexp.Regexp // one a phrase: phrases that overlap are each found, and each is a reason
}

func fam(kind Kind, name string, weak bool, phrases ...string) family {
	f := family{kind: kind, name: name, weak: weak}
	for _, p := range phrases {
		f.res = append(f.res, regexp.MustCompile(`(?i)`+p))
	}
	return f
}

var families = []family{
	fam(Offer, "an offer", false,
		`pleased to (extend|make|present) (you )?(an|the|a formal|a written|a conditional|this)? ?offer`, `(happy|delighted|excited|thrilled|pleased|glad) to offer you`,
		`would like to offer you (the|a|this) (position|role|job)`, `offer you the (position|role|job)`, `(formal|written|verbal|conditional|employment) offer`,
		`offer of employment`, `offer letter`, `extend(ed|ing)? (you )?(an|the|our) offer`, `(an|the|our|this) offer (for|of) (the|this) (position|role)`,
		`welcom(e|ing) you (aboard|to (the|our) team|on board)`, `pleased to appoint you`, `(contract|employment) (documents|papers|agreement) for your employment`,
		`your (employment|work) (contract|agreement)`, `welcome aboard`, `(have been|were|are) (selected|chosen) for (the|this) (job )?(position|role|job)`,
		`(freuen uns|freue mich)[^.]{0,60}(ein|das) (Vertrags)?angebot`, `möchten Ihnen die (Stelle|Position) anbieten`, `Ihnen die (Stelle|Position)[^.]{0,40} anbieten`, `approved your (hire|hiring)`, `Vertragsangebot`, `Vertragsunterlagen`,
		`Angebot für die Position`, `Arbeitsvertrag`, `(in|im) (unserem )?Team willkommen`, `(eine|unsere) Zusage`,
		`(avons le plaisir|sommes heureux|sommes ravis) de vous (proposer|faire une offre|offrir)`, `proposition d'embauche`, `promesse d'embauche`,
		`proposition de contrat`, `candidature a été acceptée`, `bienvenue dans (l'|notre )équipe`,
		`(nos complace|tenemos el placer de) ofrecerle`, `ofrecerle el puesto`, `oferta formal`, `carta oferta`, `carta compromiso`,
		`(has|ha) sido seleccionad[oa]( \(a\))? para (el cargo|el puesto|la posición|participar)`, `bienvenid[oa](\(a\))? al equipo`),
	fam(Rejection, "a rejection", false,
		`(decided|chosen|opted) (not )?to (move|go|proceed) (forward|ahead)? ?with (other|another|a different|someone|candidates (who|whose|with))`,
		`would have loved to (work with|have) you`, `(move|moving|go|going) forward with (another|a different) (candidate|applicant)`,
		`(made|taken|reached) the (difficult |tough |hard )?decision to (move|go|proceed) (forward )?with`,
		`(not|won't|will not) (be )?(moving|move|going|proceeding|progressing) (forward )?with (your|you)`,
		`decided not to (proceed|move forward|progress|pursue)`, `(pursue|proceed with|continue with) (other|another) (candidate|applicant)`,
		`(position|role|vacancy|job) (has|had) (now |already )?been (filled|closed)`, `filled (the (position|role) )?internally`,
		`(were|was|have been|has been|had been) not (successful|selected|shortlisted|chosen)`, `not been (selected|shortlisted|chosen|successful)`,
		`did not select (it|you|your)`, `(application|candidacy) (was|has been|is) unsuccessful`, `(were|was) unsuccessful`,
		`unsuccessful on this occasion`, `not (be )?progressing (your application|with your application)`,
		`(unable|not able) to offer you`, `will not be (moving|taking) (forward|your application)`, `other candidates whose`,
		`decided to go with (another|a different) candidate`, `will not be pursu`, `not (been )?retained`,
		`(extend|extended|make|made) (an |the |our )?offer to (another|a different|an internal|other|someone)`, `fill (this|the) (position|role) with (an internal|another|a different)`,
		`(can't|cannot|can not|can't|unable to|not able to|don't believe we can) meet your (compensation|salary)`, `overqualified for (this|the)`,
		`(uns )?für (einen anderen|eine andere|andere) (Kandidat|Bewerber)\w* entschieden`, `nicht (weiter )?berücksichtig`,
		`Ihnen (leider )?(eine )?Absage (erteilen|geben|mitteilen)`, `Absage (auf|zu|für) Ihre Bewerbung`, `nicht in die engere Auswahl`,
		`(bereits )?anderweitig (besetzt|vergeben)`, `keine (positive )?(Rückmeldung|Zusage) geben`,
		`ne pas (donner suite|retenir)`, `n'a (malheureusement )?pas (été retenue?|pu aboutir)`, `ne l'(a|avons) (malheureusement )?pas retenue?`,
		`candidature (déclinée|refusée|non retenue)`, `pas été retenue?`, `n'avons pas retenu`,
		`(avons|a) (retenu|choisi) un autre (candidat|profil)`, `poursuivre avec d'autres candidat`, `(d'autres|un autre) candidats? (dont|qui)`, `ne (pouvons|pourrons) (malheureusement )?pas (donner|y donner) (une suite favorable|suite)`,
		`(poste|offre) (étant|est|a été) (donc |déjà )?pourvue?`, `pas été sélectionnée?`,
		`(no|ha) (ha )?sido seleccionad`, `no (lo|la|le|los|las) (seleccionó|seleccionamos|hemos seleccionado|ha seleccionado)`, `no ha sido aceptad`, `ha sido rechazad`, `(decidido|optado) (por )?no (continuar|avanzar|seguir)`,
		`(continuar|seguir|avanzar)( adelante)? con (otros|otras|otro|otra) candidat`, `(otro|otra) candidat[oa] (cuyo|que)`,
		`(optado|decidido|elegido) (por|a) (otro|otra|otros|otras) (candidat|perfil)`,
		`(puesto|vacante) (ya )?(ha sido|fue) cubiert`),
	fam(Rejection, "regret, without what is regretted", true,
		`regret to inform`, `müssen (wir )?Ihnen leider mitteilen`, `(regret|regrettons) de vous (informer|annoncer)`,
		`lamentamos (informarle|comunicarle)`, `unfortunately`, `leider`, `malheureusement`, `lamentablemente`),
	fam(NextRound, "an invitation to an interview", false,
		`next (round|stage)`, `next step in (the|our) (interview|hiring) process`, `(second|final|technical|follow-up|onsite|on-site|panel) (interview|round)`,
		`invite you (to|for) (a|an|the|another)`, `(would like|like) to (schedule|set up|arrange) (a|an|another|the next)`,
		`move (you )?forward to the`, `meet (the|our) (team|hiring manager|CTO|VP)`, `(would like|like|love) to meet you`,
		`in die engere Auswahl[^.]{0,80}(genommen|aufgenommen)`, `book a (time|slot)`, `calendly\.com`,
		`(are you|would you be) (free|available) (on|for|next|this|tomorrow)`, `(can|could) you do (mon|tues|wednes|thurs|fri)day`,
		`next (conversation|call|chat|meeting) (would|will) be`, `for the next (conversation|call|chat)`, `short[- ]?listed for`,
		`(nächste|zweite|weitere) (Runde|Gesprächsrunde)`, `(zweites|weiteres|finales) (Gespräch|Interview)`, `zu einem (weiteren|zweiten) Gespräch`,
		`zu einem (persönlichen )?Vorstellungsgespräch ein`, `Einladung zum (Vorstellungs)?gespräch`, `Sie persönlich kennen(zu)?lernen`,
		`(prochaine|deuxième|seconde) (étape|entretien|tour)`, `(second|deuxième|dernier) entretien`, `vous (inviter|convier) à un`, `convocation à un entretien`,
		`(siguiente|próxima) (etapa|fase|ronda)`, `segunda entrevista`, `(invitarle|invitarte) a (una|la)`, `citación a entrevista`, `entrevista programada`,
		`calificado para continuar`, `preseleccion(ó|ad[oa])`, `présélectionnée?`,
		`(your|an|the) interview has been (scheduled|booked|confirmed|arranged)`, `interview (scheduled|booked|confirmed):`,
		`(Vorstellungs)?gespräch (wurde|ist) (vereinbart|terminiert|geplant|bestätigt)`, `entretien (a été|est) (programmé|planifié|fixé|confirmé)`,
		`entrevista (ha sido|fue|está) (programada|agendada|confirmada)`,
		`(would like to|'d like to|wishes to|wants to) invite you to (an? |the |your |our )?(second |next |final |follow-up )?(interview|meeting|call|conversation|chat|"|“)`,
		`(souhaite|voudrait|aimerait) vous inviter à (un |une |l'|votre |notre )?(second |seconde |prochain )?(entretien|réunion|rendez-vous|appel|"|« ?)`,
		`möchte (dich|Sie) zu (einem |einer |Ihrem |dem |der )?(zweiten |nächsten )?(Gespräch|Vorstellungsgespräch|Interview|Termin|Treffen|Besprechung|"|„)[^.\n]{0,80} einladen`,
		`(?m)^(invitation|invitación|einladung) ?:`, `(?m)^invitación$`,
		`your (event|meeting|appointment|booking) (has been|was|is) (successfully )?(scheduled|booked|confirmed)`,
		`Ihr Termin (ist|wurde) (erfolgreich )?(gebucht|bestätigt|vereinbart)`,
		`votre (événement|rendez-vous|réunion) a été (confirmée?|planifiée?|réservée?|programmée?)`,
		`(tu|su) (evento|cita|reunión) (ha sido|fue) (programad|agendad|reservad|confirmad)`),
	fam(NextRound, "a reschedule of an interview", false,
		`reschedul`, `re-schedul`, `new (date|time) for (the|your) interview`, `(verschieben|verlegen)`, `neuen Termin`,
		`(Termin|Gespräch|Interview)\w* (wurde|ist) (\S+ ){0,4}(verschoben|verlegt)`, `Neuplanung`, `reporter (l'|votre |notre )?entretien`,
		`décaler`, `reprogram`, `replanifi`, `(aplazar|posponer) (la|su|tu) entrevista`, `nueva fecha`, `is now scheduled for`),
	fam(Logistics, "logistics", false,
		`receipts?\b`, `reimburse`, `expense (report|claim|form)`, `travel (costs|expenses|booking|arrangements)`, `parking`, `directions to`,
		`visitor (badge|pass)`, `(hotel|train|flight) (booking|ticket)`, `itinerary`, `(reminder|remind you)[^.]{0,40}(interview|appointment|meeting)`,
		`a reminder for the (event|meeting|interview|appointment)`, `(meeting|event|interview|appointment) has been updated`,
		`updated the (event|meeting|invitation)`, `a mis à jour l'(évènement|événement|invitation)`, `hat (die Veranstaltung|den Termin|die Einladung) [^.\n]{0,80} aktualisiert`,
		`(actualizó|ha actualizado) (el evento|la reunión|la invitación)`, `(invitation updated|einladung aktualisiert|invitation mise à jour|invitación actualizada)`,
		`(appointment|meeting|event|interview) details (have|has) (been )?(changed|updated)`, `Termin(details|daten) (haben sich|wurden) (geändert|aktualisiert)`,
		`détails (du|de votre) (rendez-vous|entretien) ont (bien )?été (modifiés|mis à jour)`, `(modificado|actualizado|cambiado) los detalles de (la|su) (cita|entrevista|reunión)`,
		`(?m)^(where|wo|où|d[óo]nde|lieu|ort|location|ubicación|emplacement) ?:`,
		`bring (a |your )?(photo )?(ID|identification|passport)`, `(when|once) you arrive`, `at (the )?reception`,
		`Reisekosten`, `Quittung`, `Belege`, `Anfahrt`, `Erstattung`, `Erinnerung`, `erinnern`, `Personalausweis`, `Empfang`,
		`notes? de frais`, `rembourse`, `justificatifs`, `frais de (déplacement|transport)`, `itinéraire`, `rappel`, `pièce d'identité`, `à l'accueil`,
		`reembolso`, `recibos`, `gastos de (viaje|desplazamiento)`, `indicaciones para llegar`, `recordatorio`, `recordarte`, `recordarle`),
	fam(Question, "a request", false,
		`(two|three|2|3|professional|work|your|some|any) references`, `references? (from|check)`, `contact details of[^.]{0,30}references?`, `(could|can|would) you (please )?(send|share|provide|fill|complete|let (me|us) know)`, `(fill in|fill out|complete|return) (the|this|our)( \w+){0,3} (form|questionnaire)`,
		`transcripts?`, `portfolio`, `work samples?`, `salary expectations`, `notice period`, `right to work`, `please (send|provide|upload|complete)`,
		`Referenzen`, `Zeugnisse`, `(könnten|können|würden) Sie (uns )?(bitte )?`, `Formular`, `Gehaltsvorstellung`, `Kündigungsfrist`, `bitte (senden|schicken|reichen) Sie`,
		`références`, `pourriez-vous`, `formulaire`, `prétentions salariales`, `préavis`, `merci de nous (faire parvenir|envoyer|transmettre)`,
		`referencias`, `(podría|podrías|puede) (enviarnos|enviar|compartir|indicarnos)`, `formulario`, `expectativas salariales`,
		`(answer|complete|fill (in|out)|take) (the|this|our|a short|a few|some) (online |short )?(survey|questionnaire|questions|assessment|test)`,
		`(Umfrage|Fragebogen|Fragen|Test)[^.\n]{0,30}(beantworten|ausfüllen|absolvieren)`, `(beantworten|füllen) Sie[^.\n]{0,20}(Umfrage|Fragebogen|Fragen)`,
		`répondre (à|au|aux) (quelques |ces |nos )?(questions|questionnaire|sondage|l'enquête|test)`, `remplir (le|ce|notre) questionnaire`,
		`(respond(a|er|iera|ieras|as)|complet(e|ar)|conteste|contestar|llene|llenar) (la|el|las|algunas|unas|estas|nuestra|nuestro) (encuesta|cuestionario|preguntas|evaluación|prueba)`,
		`necesitamos que nos (envíes|envíe)`, `documentos requeridos`, `terminar su registro`, `complet(ar|e) su (registro|postulación|solicitud)`, `atender este requerimiento`),
}

// farewell is a wish for the writer's future that, with nothing else said, is the whole of a
// rejection ("We wish you all the best in your future endeavours.").
var farewell = regexp.MustCompile(`(?i)(all the best (in|for|with) your (future|job search|search|career)|success in your (future|job search|career|search)|` +
	`future endeavou?rs|alles Gute (für|auf|bei) (Ihre|Ihrem|Ihrer|deine|deinem|deiner) (weitere|weiteren|berufliche|beruflichen|Zukunft|Weg|Stellensuche|Jobsuche)|(zukünftigen|weiteren) (Vorhaben|Werdegang)|viel Erfolg (für|bei) (Ihre|Ihrer|deine)|` +
	`bon courage (pour|dans) (la suite|votre recherche|vos recherches)|bonne continuation|réussite (dans|pour) (vos|votre) (projets|recherche|carrière)|` +
	`éxito en (sus|tus) (futuros|próximos) proyectos|éxito en (su|tu) futura carrera|lo mejor en (sus|tus) (futuros|próximos))`)

// pending is a mail that says the application is still being read ("we will be in touch"):
// a farewell wish in it is courtesy, not the end.
var pending = regexp.MustCompile(`(?i)((received|are reviewing|will review) your (application|cv|resume)|will (be in touch|get back to you|come back to you|contact you)|` +
	`(wir|ich) melden uns|(wir|ich) werden uns (bald |in kürze )?(bei ihnen )?melden|nous reviendrons vers vous|nous vous recontacterons|` +
	`nos pondremos en contacto|le (contactaremos|responderemos)|te (contactaremos|responderemos))`)

// Scope: a phrase is taken back by a negation just before it in its clause ("we are not able
// to offer you"), or, for an offer or an invitation, by a condition ("if you are selected for
// the next stage") or by its being past ("after the final interview").
var (
	negated      = regexp.MustCompile(`(?i)\b(not|unable|cannot|can't|won't|no longer|nicht|kein|keine|pas|ne|no podemos|no)[^\p{L}\p{N}]+([\p{L}\p{N}'()]+[^\p{L}\p{N}]+){0,4}$`)
	hypothetical = regexp.MustCompile(`(?i)\b(if|should|whether|in case|once|falls|wenn|sobald|sofern|si|s'il|en caso de|cuando|siempre que)\b`)
	// An offer made to someone else is a rejection ("we have decided to extend an offer to another candidate").
	receiptOf      = regexp.MustCompile(`(?i)^receipt (of|that)\b`)
	offerElsewhere = regexp.MustCompile(`(?i)^\s*to (another|a different|an internal|other|someone)`)
	past           = regexp.MustCompile(`(?i)\b(completed|finished|conducted|concluded|after|following|thank(s| you) for|nach (dem|Ihrem)|après|tras|gracias por|merci pour|danke für|vielen dank für)\b`)
	clauseEnd      = regexp.MustCompile(`[.!?;:,\n]|\s[-–—]\s`)
	// A choice offered with a link ("Reschedule / Cancel Appointment", "Need to reschedule or
	// cancel?", "Möchten Sie einen neuen Termin finden oder absagen?") moves nothing.
	rescheduleOrCancel = regexp.MustCompile(`(?i)^[\p{L}']*( [\p{L}]+)? ?(/|or|ou|o|oder) (d'|zu )?(cancel|annul|absag|storn)`)
	// placeField is the place of a booking or an event given as a field ("Where:", "Lieu :"),
	// which reads as logistics only beside its time as a field (timeField): a signature may
	// give a place alone.
	placeField = regexp.MustCompile(`(?i)^(where|wo|où|d[óo]nde|lieu|ort|location|ubicación|emplacement) ?:`)
	timeField  = regexp.MustCompile(`(?im)^(when|date|time|wann|datum|zeit|uhrzeit|quand|heure|cuándo|fecha|hora|start|beginn|début|inicio)\b[^:\n]{0,12}:`)
	// A step asked about ("What is the next step?", a heading of a receipt) is no invitation to it.
	askedAbout = regexp.MustCompile(`(?i)\b(what is|what's|what are|quelle est|quelles sont|cuál es|cuáles son|was ist|was sind|welche sind)\s+(the|la|les|el|los|die|der|das)?\s*$`)
	// A reminder to do something ("un recordatorio para que complete su postulación") is a
	// request, not the logistics of a meeting.
	remindToAct = regexp.MustCompile(`(?i)^(reminder|recordatorio|rappel|erinnerung)\b[^.\n]{0,30}\b(to (complete|finish|fill|submit)|para que (complete|termine|llene|envíe)|pour (compléter|remplir|finaliser|envoyer)|(zu|daran,) (vervollständigen|ergänzen|ausfüllen))`)
	// A reminder is about the meeting already set: its "interview" is no new round.
	reminder = regexp.MustCompile(`(?i)^\s*(re:\s*)?(reminder|erinnerung|rappel|recordatorio)\b|remind you (of|about) your (upcoming )?interview|an Ihr (bevorstehendes )?Vorstellungsgespräch erinnern`)
	// An interview cancelled or put off is no verdict on the application.
	cancelled = regexp.MustCompile(`(?i)(cancel+(ed|ing)? (the|your|our|this) (interview|meeting|call)|(interview|meeting|call) (has been|was|is) cancel+ed|on hold|` +
		`(Gespräch|Termin|Interview)\w* (leider )?(absagen|abgesagt)|auf Eis|annul(er|é|ée) (l'|votre |notre )?entretien|entretien (est |a été )?annulé|en pause|` +
		`cancelar (la|su|tu) entrevista|entrevista (ha sido |fue )?cancelada|suspendid[oa]|en espera|` +
		`(?m)^(cancel+ed|annulée?|abgesagt|cancelad[oa]) ?:|invitation cancel+ed|invitación cancelada|einladung (abgesagt|storniert)|` +
		`" (has been cancel+ed|a été annulée?|wurde abgesagt|ha sido cancelad[oa]))`)
)

// findAll returns where each phrase occurs (at most four times each).
func findAll(res []*regexp.Regexp, s string) [][]int {
	var out [][]int
	for _, re := range res {
		out = append(out, re.FindAllStringIndex(s, 4)...)
	}
	return out
}

// clause returns the text of s's clause before i.
func clause(s string, i int) string {
	start := max(0, i-80)
	prefix := s[start:i]
	if locs := clauseEnd.FindAllStringIndex(prefix, -1); len(locs) > 0 {
		prefix = prefix[locs[len(locs)-1][1]:]
	}
	return prefix
}

type hit struct {
	fam    *family
	phrase string
}

// Classify reads the reply's subject and own text (without the quotation of the owner's
// mail).
func Classify(subject, text string) Result {
	if len(text) > maxText {
		text = text[:maxText]
	}
	// Lines are kept apart: a line is a clause (a heading, a list item, a greeting).
	lines := strings.Split(subject+"\n"+text, "\n")
	for i, l := range lines {
		lines[i] = strings.Join(strings.Fields(l), " ")
	}
	s := strings.Join(lines, "\n")
	var hits []hit
	strong := map[Kind]bool{}
	for i := range families {
		f := &families[i]
		for _, loc := range findAll(f.res, s) {
			before := clause(s, loc[0])
			if f.kind != Rejection && f.kind != Logistics && f.kind != Question && negated.MatchString(before) {
				continue // "we are not able to offer you…" is no offer, "not selected for the next stage" no invitation
			}
			if (f.kind == Offer || f.kind == NextRound) && hypothetical.MatchString(before) {
				continue // "if you are shortlisted for the next stage…"
			}
			if f.kind == Offer && offerElsewhere.MatchString(s[loc[1]:min(len(s), loc[1]+40)]) {
				continue
			}
			if f.kind == Logistics && receiptOf.MatchString(s[loc[0]:min(len(s), loc[1]+10)]) {
				continue // "we confirm receipt of your message" is no expense receipt
			}
			if f.name == "a reschedule of an interview" && rescheduleOrCancel.MatchString(s[loc[1]:min(len(s), loc[1]+40)]) {
				continue // a link to reschedule or cancel, offered in any booking mail
			}
			if f.kind == NextRound && askedAbout.MatchString(before) {
				continue // "Quelle est la prochaine étape ?" describes the process, it invites to nothing
			}
			if f.kind == Logistics && placeField.MatchString(s[loc[0]:loc[1]]) && !timeField.MatchString(s) {
				continue // "Location: Berlin" under a signature: a booking gives the time as a field too
			}
			if f.kind == Logistics && remindToAct.MatchString(s[loc[0]:min(len(s), loc[0]+80)]) {
				continue // "un recordatorio para que complete su postulación" asks for something
			}
			if f.kind == NextRound && past.MatchString(before) {
				continue // "after the final interview…"
			}
			hits = append(hits, hit{f, strings.ToLower(s[loc[0]:loc[1]])})
			if !f.weak {
				strong[f.kind] = true
			}
		}
	}
	reasons := func(keep func(hit) bool, lead ...string) []string {
		seen := map[string]bool{}
		var out []string
		for _, h := range hits {
			r := string(h.fam.kind) + `: "` + strings.ReplaceAll(h.phrase, `"`, `'`) + `"`
			if keep(h) && !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
		sort.Strings(out)
		return append(lead, out...)
	}
	of := func(kinds ...Kind) func(hit) bool {
		return func(h hit) bool { return !h.fam.weak && slices.Contains(kinds, h.fam.kind) }
	}
	reschedule := slices.ContainsFunc(hits, func(h hit) bool { return h.fam.name == "a reschedule of an interview" })
	invitation := slices.ContainsFunc(hits, func(h hit) bool { return h.fam.name == "an invitation to an interview" })
	switch {
	case strong[Offer] && strong[Rejection]:
		return Result{Other, reasons(of(Offer, Rejection), "both an offer and a rejection: unsure")}
	case reminder.MatchString(s):
		return Result{Logistics, reasons(of(Logistics, NextRound), "a reminder of an interview already set")}
	case reschedule:
		return Result{NextRound, reasons(of(NextRound), "an interview moved to another time: no verdict on the application")}
	case cancelled.MatchString(s) && !strong[Offer] && !invitation:
		return Result{Other, reasons(of(Rejection), `an interview cancelled or put on hold: no verdict on the application, unsure`)}
	case strong[Rejection] && invitation:
		return Result{Other, reasons(of(Rejection, NextRound), "a rejection and another round (\"not this role, but…\"): unsure")}
	case strong[Rejection]:
		return Result{Rejection, reasons(of(Rejection))}
	case strong[Offer]:
		return Result{Offer, reasons(of(Offer))}
	case invitation:
		return Result{NextRound, reasons(of(NextRound))}
	case strong[Logistics]:
		return Result{Logistics, reasons(of(Logistics))}
	case strong[Question]:
		return Result{Question, reasons(of(Question))}
	}
	if m := farewell.FindString(s); m != "" && len(strings.Fields(text)) <= 80 && !pending.MatchString(s) {
		return Result{Rejection, []string{`rejection: a farewell wish and nothing else ("` + strings.ToLower(m) + `")`}}
	}
	if slices.ContainsFunc(hits, func(h hit) bool { return h.fam.weak }) {
		return Result{Other, reasons(func(h hit) bool { return h.fam.weak }, "regret without a phrase of what is regretted: unsure")}
	}
	return Result{Other, []string{"no phrase of an offer, a rejection, another round, a request or logistics"}}
}
