package render

import (
	"bytes"

	"portal/generator/model"
	"portal/generator/register"
)

// TemplatesOnly returns opt asking for every agency page from the
// templates, even when writeAgencyPage could write it.
func TemplatesOnly(opt Options) Options {
	opt.templatesOnly = true
	return opt
}

// AgencyTemplateDigest and BuiltinAgencyDigest say whether a template set is
// the one writeAgencyPage reproduces.
var AgencyTemplateDigest = agencyTemplateDigest

const BuiltinAgencyDigest = builtinAgencyDigest

// AgencyPages returns a function that renders one agency's page into its
// own sink, for tests that compare many variants of an agency without
// rendering whole sites.
func AgencyPages(reg *register.Register, content *model.Content, opt Options) (func(a *register.Agency) ([]byte, error), error) {
	var s oneFile
	r, err := newRenderer(reg, content, opt, &s)
	if err != nil {
		return nil, err
	}
	return func(a *register.Agency) ([]byte, error) {
		s.data = nil
		if err := r.agencyPage(a); err != nil {
			return nil, err
		}
		return s.data, nil
	}, nil
}

type oneFile struct{ data []byte }

func (s *oneFile) Add(_ string, data []byte) error {
	s.data = bytes.Clone(data)
	return nil
}

// EscapeHTML and PlainURL are the direct writer's escaping.
func EscapeHTML(s string) string {
	var b bytes.Buffer
	escapeHTML(&b, s)
	return b.String()
}

var PlainURL = plainURL
