// Package portal embeds the demo inputs (data/, content/) and the default
// templates, so that the portal binary builds the demo portal from anywhere.
package portal

import "embed"

// Defaults holds data/, content/ and templates/ as committed.
//
//go:embed data content templates
var Defaults embed.FS
