package render

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"text/template/parse"
)

// keeper is a sink that can carry files over from the previous output
// (publish.Tx.Keep).
type keeper interface {
	Keep(paths ...string) (bool, error)
}

// reuseKey digests everything an agency page and its feed show that is not
// the records of the agency, its head office and its branches: the
// templates it is made with, site.toml, the regions, the
// date, the base URL, the navigation and footer — and the search index,
// when the agency page's templates can reach it.
func (r *Renderer) reuseKey() (string, error) {
	h := sha256.New()
	// the agency page's template set: the layouts, the partials and
	// pages/agency.html (an edit to another page's template or to the
	// stylesheet leaves agency pages as they are)
	fmt.Fprintf(h, "templates %s\n", r.templates)
	site, err := json.Marshal(r.site)
	if err != nil {
		return "", err
	}
	fmt.Fprintf(h, "\nsite %s\nbase %s %s\nasof %s\n", site, r.base, r.abs, r.asOf)
	codes := sortedKeys(r.reg.Regions)
	for _, c := range codes {
		g := r.reg.Regions[c]
		fmt.Fprintf(h, "region %s %s %s\n", g.Code, g.Name, g.Parent)
	}
	for _, k := range sortedKeys(r.part.nav) {
		fmt.Fprintf(h, "nav %s %s\n", k, r.part.nav[k])
	}
	fmt.Fprintf(h, "footer %s\n", r.footer)
	if t := r.pages["agency"]; t != nil && r.search != nil && reaches(t, "base", "searchIndex") {
		fmt.Fprintf(h, "search %+v\n", *r.search)
	} else {
		fmt.Fprintf(h, "search %v\n", r.search != nil)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// reaches reports whether executing the template name of set can call the
// function fn, following {{template}} calls.
func reaches(set *template.Template, name, fn string) bool {
	seen := map[string]bool{}
	var walk func(n parse.Node) bool
	walkTemplate := func(name string) bool {
		if seen[name] {
			return false
		}
		seen[name] = true
		t := set.Lookup(name)
		return t != nil && t.Tree != nil && walk(t.Tree.Root)
	}
	walk = func(n parse.Node) bool {
		switch n := n.(type) {
		case nil:
			return false
		case *parse.ListNode:
			if n == nil {
				return false
			}
			return slices.ContainsFunc(n.Nodes, walk)
		case *parse.ActionNode:
			return walk(n.Pipe)
		case *parse.PipeNode:
			if n == nil {
				return false
			}
			return slices.ContainsFunc(n.Cmds, func(c *parse.CommandNode) bool { return walk(c) })
		case *parse.CommandNode:
			return slices.ContainsFunc(n.Args, walk)
		case *parse.IdentifierNode:
			return n.Ident == fn
		case *parse.ChainNode:
			return walk(n.Node)
		case *parse.IfNode:
			return walk(n.Pipe) || walk(n.List) || walk(n.ElseList)
		case *parse.RangeNode:
			return walk(n.Pipe) || walk(n.List) || walk(n.ElseList)
		case *parse.WithNode:
			return walk(n.Pipe) || walk(n.List) || walk(n.ElseList)
		case *parse.TemplateNode:
			return walk(n.Pipe) || walkTemplate(n.Name)
		}
		return false
	}
	return walkTemplate(name)
}

// agencyTemplateDigest digests the templates an agency's files are made
// with: the layouts, the partials, pages/agency.html and pages/poster.html,
// and the names the static files are published under (assets, from
// hashedAssets: every file below static/, in folders too), which the pages
// link — a changed file has a new name, and every page linking it must
// be made again.
func agencyTemplateDigest(fsys fs.FS, assets map[string]string) (string, error) {
	h := sha256.New()
	var paths []string
	for _, pattern := range append(slices.Clone(commonTemplates), "pages/agency.html", "pages/poster.html") {
		ps, err := fs.Glob(fsys, pattern)
		if err != nil {
			return "", err
		}
		paths = append(paths, ps...)
	}
	for _, p := range paths {
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", p, len(b))
		h.Write(b)
	}
	for _, p := range sortedKeys(assets) {
		fmt.Fprintf(h, "asset %s %s\n", p, assets[p])
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
