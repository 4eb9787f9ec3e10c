package mailer

import (
	"strconv"
	"strings"
)

// phrasing chooses the sentences of a check-in or of the thanks to a coordinator. Every
// application of the owner's goes to different people with nearly the same story, so each
// part (the opening, the reason for writing, what is added, the ask, the close) is chosen
// per application from a body of phrasings, most of them built of two halves chosen apart
// (people vary both the start and the end of a sentence): two applications rarely share a
// sentence. It tries variants in the thank-you's order (choiceOrder) and keeps the same
// watch (saysAgain), but its state is a series': what an earlier check-in said is banned.
type phrasing struct {
	seed int
	said strings.Builder
	// banned are the variants (slot#index) an earlier letter of the series said, used those
	// this one says: a later check-in never repeats an earlier one's sentence.
	banned, used map[string]bool
	// also are this letter's own words not to say twice (the company, the role).
	also []string
	// heard is what the owner's earlier letters said: of the variants that fit, the one
	// they say least is chosen.
	heard *heard
}

// phrasingWatched are the words a short follow-up does not say twice.
var phrasingWatched = []string{"conversation", "interest", "glad", "look forward", "hope", "especially", "appreciat", "grateful",
	"thank", "keen", "touch", "news", "timeline", "decid", "decision", "chance", "excit", "welcome", "love to", "happy to",
	"since we spoke", "where things stand", "in the meantime", "in case", "would help", "if it would", "follow", "check in",
	"once more", "again", "proud", "relevant", "the team", "enthusias", "short", "brief", "quick", "note", "process", "update"}

// choose is the variant for slot: the seeded one, or when it would say a watched word the
// letter says already, or the owner's earlier letters say it, the next in an order seeded
// for the slot that does neither, or else says the least. "" variants are not used unless
// all are. The choice is recorded as said.
func (p *phrasing) choose(slot string, variants ...string) string {
	n := len(variants)
	if n == 0 {
		return ""
	}
	order := choiceOrder(strconv.Itoa(p.seed), slot, n, 0)
	pick, fewest := order[0], -1
	for _, j := range order {
		if variants[j] != "" && !p.repeats(variants[j]) && !p.banned[slot+"#"+strconv.Itoa(j)] {
			if t := p.heard.times(variants[j]); fewest < 0 || t < fewest {
				pick, fewest = j, t
			}
			if fewest == 0 {
				break
			}
		}
	}
	if p.used == nil {
		p.used = map[string]bool{}
	}
	p.used[slot+"#"+strconv.Itoa(pick)] = true
	p.said.WriteString(" " + variants[pick])
	return variants[pick]
}

// maybe is choose with a share of "": the part is left out in about one letter of 1+none.
func (p *phrasing) maybe(slot string, none int, variants ...string) string {
	if seed(strconv.Itoa(p.seed), slot, "maybe")%(1+none) != 0 {
		return p.choose(slot, variants...)
	}
	return ""
}

func (p *phrasing) repeats(v string) bool {
	return saysAgain(strings.ToLower(p.said.String()), strings.ToLower(v), append(p.also, phrasingWatched...))
}
