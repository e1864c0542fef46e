package render

// ContentSecurityPolicy is the pages' policy: every script and stylesheet
// is a file of the site, none inline. The pages carry it as a meta tag
// (templates/layouts/base.html writes it out; TestPolicyInTemplate keeps
// the two equal), portal serve sends it as a header, with FrameAncestors,
// which a meta tag cannot set.
const ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'"

// FrameAncestors forbids framing the site (clickjacking): a header only.
const FrameAncestors = "frame-ancestors 'none'"
