package load

import (
	"cmp"
	"fmt"
	"gopkg.in/yaml.v3"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"portal/generator/diag"
	"portal/generator/model"
)

// attachmentTypes are the kinds of file a policy may carry beside it:
// documents, spreadsheets and images (not SVG: it can carry scripts).
var attachmentTypes = map[string]bool{".pdf": true, ".ofd": true, ".doc": true, ".docx": true, ".wps": true,
	".xls": true, ".xlsx": true, ".et": true, ".csv": true, ".zip": true, ".rar": true, ".7z": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true}

// maxAttachment bounds one attachment's size.
const maxAttachment = 100 << 20

// markdownLinks find the destinations of inline links and images, and of
// reference definitions.
var markdownLinks = []*regexp.Regexp{
	regexp.MustCompile(`!?\[[^\]]*\]\(\s*<([^>]+)>`),
	regexp.MustCompile(`!?\[[^\]]*\]\(\s*([^)\s<]+)`),
	regexp.MustCompile(`^\s{0,3}\[[^\]]+\]:\s*<?([^\s>]+)`),
}

// attachmentName reports whether a link's destination is a file beside the
// policy, and its cleaned name; escape is set for one that leaves the
// policies directory.
func attachmentName(dest string) (name string, ok, escape bool) {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") || strings.Contains(dest, ":") {
		return "", false, false // a fragment, a site path or a URL (http:, mailto:…)
	}
	if u, err := url.PathUnescape(strings.SplitN(dest, "#", 2)[0]); err == nil {
		dest = u
	}
	if !attachmentTypes[strings.ToLower(path.Ext(dest))] {
		return "", false, false // a page, not a file
	}
	name = path.Clean(dest)
	if name == ".." || strings.HasPrefix(name, "../") {
		return name, true, true
	}
	return name, true, false
}

// attachments reads the files beside a policy that its body links to,
// adding an error at the Markdown line of a link to a file that does not
// exist. dir is content/; the policy is policies/{slug}.md.
func (fm *frontMatter) attachments(dir Dir, have map[string]bool, out *[]model.Attachment) {
	for i, line := range strings.Split(fm.body, "\n") {
		for _, re := range markdownLinks {
			for _, m := range re.FindAllStringSubmatch(line, -1) {
				fm.attach(dir, m[1], diag.Pos{File: fm.path, Line: fm.bodyLine + i}, have, out)
			}
		}
	}
}

// attach adds the file a link names, when it is an attachment.
func (fm *frontMatter) attach(dir Dir, dest string, at diag.Pos, have map[string]bool, out *[]model.Attachment) bool {
	name, ok, escape := attachmentName(dest)
	switch {
	case !ok:
		return false
	case escape:
		fm.d.Errorf(at, "", dest, "links to %s, outside content/policies: put the attachment beside the policy", dest)
		return true
	case have[name]:
		return true
	}
	src := path.Join("policies", name)
	fi, err := fs.Stat(dir.FS, src)
	switch {
	case err != nil:
		fm.d.Add(diag.Diagnostic{File: at.File, Line: at.Line, Value: dest, Severity: diag.Error,
			Msg:  fmt.Sprintf("links to %s, which is not beside the policy (%s)", name, dir.show(src)),
			Hint: "put the file in content/policies/, or correct the link"})
		return true
	case fi.Size() > maxAttachment:
		fm.d.Errorf(at, "", dest, "the attachment is %d MB: at most %d MB is published", fi.Size()>>20, maxAttachment>>20)
		return true
	}
	b, err := fs.ReadFile(dir.FS, src)
	if err != nil {
		fm.d.Errorf(at, "", dest, "cannot read the attachment: %v", err)
		return true
	}
	guardAttachment(name, b, at, fm.d, fm.kept)
	have[name] = true
	*out = append(*out, model.Attachment{Name: name, Data: b})
	return true
}

// link reads a front-matter link (解读, 图解): an http(s) URL, a file
// beside the policy, or another policy's slug (checked once every policy
// is loaded).
func (fm *frontMatter) link(key string, dir Dir, have map[string]bool, out *[]model.Attachment) model.Link {
	v, ok := fm.scalar(key, false)
	if !ok {
		return model.Link{}
	}
	if u, err := url.Parse(v); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		return model.Link{URL: v}
	}
	if fm.attach(dir, v, fm.pos(key), have, out) {
		name, _, _ := attachmentName(v)
		return model.Link{File: name}
	}
	if strings.ContainsAny(v, ":/") {
		fm.errorf(key, "%s must be an http(s) address, a file beside the policy, or another policy's file name without .md", key)
		return model.Link{}
	}
	if slug, ok := markdownSlug(v); ok {
		v = slug // 通知.md, 通知.MD
	}
	return model.Link{Policy: v}
}

// list reads a front-matter value that may be one string or a list of them.
func (fm *frontMatter) list(key string) []string {
	fm.used[key] = true
	n := fm.keys[key]
	if n == nil {
		return nil
	}
	var out []string
	switch {
	case n.Kind == yaml.ScalarNode && strings.TrimSpace(n.Value) != "":
		out = append(out, strings.TrimSpace(n.Value))
	case n.Kind == yaml.SequenceNode:
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode {
				fm.errorf(key, "%s must be a list of names", key)
				return nil
			}
			if v := strings.TrimSpace(c.Value); v != "" {
				out = append(out, v)
			}
		}
	case n.Kind != yaml.ScalarNode:
		fm.errorf(key, "%s must be a name or a list of names", key)
	}
	return out
}

// markReplaced sets, on each policy another replaces (替代), which of them
// takes effect first and when — its 施行日期, else its 发布日期 — so that it
// is 已废止 from that day (model.Policy.StatusAsOf): a replaced document
// shown as 现行有效 beside a link to what replaced it would mislead. A
// 征求意见稿 replaces nothing yet.
func markReplaced(ps []*model.Policy) {
	bySlug := map[string]*model.Policy{}
	for _, p := range ps {
		bySlug[p.Slug] = p
	}
	for _, q := range ps {
		if q.Draft {
			continue
		}
		from := cmp.Or(q.EffectiveFrom, q.PublishedOn)
		for _, s := range q.Replaces {
			if p := bySlug[s]; p != nil && p != q && (p.ReplacedBy == "" || from < p.ReplacedFrom) {
				p.ReplacedBy, p.ReplacedFrom = q.Slug, from
			}
		}
	}
}

// checkPolicyLinks reports a 替代 or a 解读/图解 naming no policy, and a
// policy replacing itself.
func checkPolicyLinks(ps []*model.Policy, d *diag.List) {
	known := map[string]bool{}
	for _, p := range ps {
		known[p.Slug] = true
	}
	for _, p := range ps {
		for _, s := range p.Replaces {
			switch {
			case s == p.Slug:
				d.Errorf(diag.Pos{File: p.Src.File, Line: 1}, "replaces", s, "a policy cannot replace itself")
			case !known[s]:
				d.Errorf(diag.Pos{File: p.Src.File, Line: 1}, "replaces", s, "no policy content/policies/%s.md: name the replaced policy by its file name without .md", s)
			}
		}
		for key, l := range map[string]model.Link{"interpretation": p.Interpretation, "diagram": p.Diagram} {
			if l.Policy != "" && !known[l.Policy] {
				d.Errorf(diag.Pos{File: p.Src.File, Line: 1}, key, l.Policy, "no policy content/policies/%s.md, no file beside the policy and no http(s) address of that name", l.Policy)
			}
		}
	}
	replacesCycles(ps, d)
}

// replacesCycles reports each ring of policies that replace one another
// (A replaces B, B replaces A): every policy in it would be published as
// 已废止, the one in force with them. It is reported once, at the policy
// of the ring whose file name sorts first.
func replacesCycles(ps []*model.Policy, d *diag.List) {
	bySlug := map[string]*model.Policy{}
	for _, p := range ps {
		bySlug[p.Slug] = p
	}
	for _, p := range ps {
		// a path from p along replaces, depth first, that comes back to p
		var ring []string
		var walk func(q *model.Policy, seen map[string]bool) bool
		walk = func(q *model.Policy, seen map[string]bool) bool {
			for _, s := range q.Replaces {
				r := bySlug[s]
				if r == nil || r == q || seen[s] {
					if s == p.Slug && r != q {
						ring = append(ring, s)
						return true
					}
					continue
				}
				seen[s] = true
				if walk(r, seen) {
					ring = append(ring, s)
					return true
				}
			}
			return false
		}
		if !walk(p, map[string]bool{p.Slug: true}) || slices.ContainsFunc(ring, func(s string) bool { return s < p.Slug }) {
			continue
		}
		slices.Reverse(ring)
		d.Errorf(diag.Pos{File: p.Src.File, Line: 1}, "replaces", strings.Join(p.Replaces, ", "),
			"the policies replace one another in a ring (%s → %s), so each would be published as 已废止: keep replaces only on the policy that took the other's place", p.Slug, strings.Join(ring, " → "))
	}
}
