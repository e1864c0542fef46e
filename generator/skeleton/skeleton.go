// Package skeleton writes a new site's starting files (portal init):
// site.toml with every setting explained, the pages the footer links to, a
// FAQ, an example policy and news item that are not published until
// renamed, data/import.toml with the loader's built-in rules written out,
// and a README of the workflow. Nothing in it is published as a
// placeholder: what needs the bureau's words is left empty for portal
// check to point at, or kept as an .example.
package skeleton

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

//go:embed files
var files embed.FS

// Write writes the skeleton into dir, which must be new or empty, with
// importDefaults (load.ImportDefaults) as data/import.toml. It returns the
// files written, slash-separated below dir.
func Write(dir, importDefaults string) ([]string, error) {
	if es, err := os.ReadDir(dir); err == nil && len(es) > 0 {
		return nil, fmt.Errorf("%s is not empty: portal init writes a new site into a new or empty directory", dir)
	} else if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var written []string
	put := func(name string, b []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
		written = append(written, name)
		return nil
	}
	err := fs.WalkDir(files, "files", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel("files", p)
		return put(filepath.ToSlash(rel), b)
	})
	if err == nil {
		err = put(path.Join("data", "import.toml"), []byte(importDefaults))
	}
	return written, err
}
