package load

import (
	"io/fs"
	"path"
	"strings"

	"portal/generator/diag"
)

// templateTexts are the kinds of template file whose text reaches the
// published site: markup, styles, scripts, drawings, text.
var templateTexts = map[string]bool{".html": true, ".htm": true, ".css": true, ".js": true, ".svg": true,
	".txt": true, ".xml": true, ".json": true, ".md": true, ".tmpl": true}

// GuardTemplates refuses personal data in a theme's templates as in the
// content: a bureau that writes a contact's mobile number into its footer
// publishes it on every page. name is how the directory is shown
// (templates).
func GuardTemplates(fsys fs.FS, name string, d *diag.List) {
	if fsys == nil {
		return
	}
	fs.WalkDir(fsys, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() || !templateTexts[strings.ToLower(path.Ext(p))] {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil // render reports a template it cannot read
		}
		guardText(path.Join(name, p), 1, string(b), d)
		return nil
	})
}
