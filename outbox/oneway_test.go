package outbox

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestOneWayOut lists the send paths in followup's own code: every call of a method named
// Send (the SMTP sender's, or any other that could put mail on the wire), and every call of
// the outbox's send. There must be one of the first, in send, and send must be reached only
// from the deliver loop's deliver (STYLE 16: one way out).
func TestOneWayOut(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	calls := map[string][]string{} // callee → "file:func" of each call
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		if e.IsDir() && (strings.HasPrefix(e.Name(), ".") || rel == filepath.Join("internal", "mailstack")) {
			return filepath.SkipDir // the test mail stack sends as the tests' correspondents
		}
		if e.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				if sel, ok := call.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Send" || sel.Sel.Name == "send" ||
					strings.HasPrefix(sel.Sel.Name, "DialAndSend") || sel.Sel.Name == "SendMail") {
					calls[sel.Sel.Name] = append(calls[sel.Sel.Name], rel+":"+fn.Name.Name)
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("send paths: %v", calls)
	if got := calls["Send"]; len(got) != 1 || got[0] != filepath.Join("outbox", "outbox.go")+":send" {
		t.Errorf("calls of Send outside the mailer: %v, want one, in outbox.send", got)
	}
	for _, c := range calls["send"] {
		if !slices.Contains([]string{"deliver"}, c[strings.LastIndex(c, ":")+1:]) {
			t.Errorf("send is called from %s, outside the deliver loop", c)
		}
	}
	// In the mailer, go-mail is called from Sender.Send alone.
	for _, c := range calls["DialAndSendWithContext"] {
		if c != filepath.Join("mailer", "send.go")+":Send" {
			t.Errorf("go-mail sends from %s", c)
		}
	}
}
