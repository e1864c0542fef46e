package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The policy the pages carry is the one the preview sends as a header.
func TestPolicyInTemplate(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "templates", "layouts", "base.html"))
	if err != nil {
		t.Fatal(err)
	}
	if want := `<meta http-equiv="Content-Security-Policy" content="` + ContentSecurityPolicy + `">`; !strings.Contains(string(b), want) {
		t.Errorf("base.html does not carry render.ContentSecurityPolicy as its meta tag:\n%s", want)
	}
}
