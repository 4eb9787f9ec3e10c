package config

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v4"
)

// decoder maps a YAML node tree onto tagged structs strictly: an unknown key, a wrong type
// or a duplicate key is a Problem with its line, and decoding goes on so that every problem
// in the file is reported at once. It remembers the line of every field it set, so that
// validation can point at the line of a bad value.
type decoder struct {
	problems []Problem
	lines    map[string]int
}

func (d *decoder) addf(line int, path, format string, args ...any) {
	d.problems = append(d.problems, Problem{Line: line, Path: path, Msg: fmt.Sprintf(format, args...)})
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "something else"
}

func (d *decoder) decode(n *yaml.Node, v reflect.Value, path string) {
	d.lines[path] = n.Line
	if n.Kind == yaml.AliasNode {
		d.addf(n.Line, path, "aliases are not supported in this file; write the value out")
		return
	}
	switch v.Kind() {
	case reflect.Struct:
		d.decodeStruct(n, v, path)
	case reflect.Slice:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return
		}
		if n.Kind != yaml.SequenceNode {
			d.addf(n.Line, path, "should be a list, not %s", kindName(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, item := range n.Content {
			d.decode(item, s.Index(i), fmt.Sprintf("%s[%d]", path, i))
		}
		v.Set(s)
	case reflect.Pointer:
		if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
			return
		}
		p := reflect.New(v.Type().Elem())
		d.decode(n, p.Elem(), path)
		v.Set(p)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.addf(n.Line, path, "should be a text value, not %s", kindName(n))
			return
		}
		if n.Tag == "!!null" {
			v.SetString("")
			return
		}
		v.SetString(n.Value)
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			d.addf(n.Line, path, "should be a whole number, not %s", kindName(n))
			return
		}
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if err != nil {
			d.addf(n.Line, path, "should be a whole number, not %q", n.Value)
			return
		}
		v.SetInt(i)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
			d.addf(n.Line, path, "should be true or false, not %s", kindName(n))
			return
		}
		b, err := strconv.ParseBool(strings.ToLower(n.Value))
		if err != nil {
			d.addf(n.Line, path, "should be true or false, not %q", n.Value)
			return
		}
		v.SetBool(b)
	default:
		panic("config: unsupported field type " + v.Type().String())
	}
}

// suggest names the known key closest to a misspelt one.
func suggest(key string, names []string) string {
	best, bestD := "", 3
	for _, n := range names {
		d := EditDistance(key, n)
		if len(n) >= 4 && (strings.HasPrefix(key, n) || strings.HasPrefix(n, key)) {
			d = min(d, 2)
		}
		if d < bestD {
			best, bestD = n, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

// EditDistance is the Levenshtein distance of a and b, counted in bytes:
// the measure behind every "did you mean" followup prints.
func EditDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Nearest is the value of values closest to v, when near enough to be a slip of the
// finger (fewer edits than half its length, at most 2: "gmial" → "gmail", "bsh" → "bash",
// but not "tcsh" → "bash"), else "".
func Nearest(v string, values []string) string {
	v = strings.ToLower(v)
	best, bestD := "", 3
	for _, x := range values {
		if d := EditDistance(v, x); d < bestD && 2*d < len(x) {
			best, bestD = x, d
		}
	}
	return best
}

// OneOf lists values as a sentence: "one of a, b or c".
func OneOf(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return "one of " + strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}
