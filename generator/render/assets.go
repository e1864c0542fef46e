package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// hashedAssets names every file of templates/static/ by its content:
// static/style.css becomes static/style.<10 hex digits of its SHA-256>.css.
// A changed stylesheet or script gets a new name, so a server may let
// browsers and CDNs keep these files for a year (portal nginx-config does)
// while pages, which name them, are revalidated.
func hashedAssets(fsys fs.FS) (map[string]string, error) {
	out := map[string]string{}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		out[p] = hashedName(p, b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("templates: static: %w", err)
	}
	return out, nil
}

// hashedName puts the first 10 hex digits of data's SHA-256 before p's
// extension (or at its end when it has none).
func hashedName(p string, data []byte) string {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:5])
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + h + ext
}

// asset is the address of the static file p (a path below templates/, e.g.
// "static/style.css") under its hashed name; a name with no file is an
// error, so a template cannot link a stylesheet that is not published.
func (r *Renderer) asset(p string) (string, error) {
	h, ok := r.assets[strings.TrimPrefix(p, "/")]
	if !ok {
		return "", fmt.Errorf("asset %q: no such file in templates/static/", p)
	}
	return r.base + h, nil
}
