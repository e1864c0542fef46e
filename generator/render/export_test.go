package render

// HTMLTemplateOnly returns opt asking html/template to execute every page
// and partial, not tmplexec: the tests compare the two.
func HTMLTemplateOnly(opt Options) Options {
	opt.htmlTemplate = true
	return opt
}
