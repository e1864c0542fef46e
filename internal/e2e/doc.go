// Package e2e holds the end-to-end tests: they build the demo portal, serve
// it on 127.0.0.1 and drive it in headless Chromium as a person would —
// search the register, open an agency, read the verdict, follow links — and
// run axe-core on the main pages. See e2e_test.go.
package e2e
