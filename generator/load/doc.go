// Package load reads a bureau's data exports (data/*.csv or *.xlsx) and the
// site's content (content/) into the model. Every problem in the input
// becomes a diag.Diagnostic with file, line and column; loading goes on past
// bad rows so that all problems are reported in one run.
//
// Tables are matched by header, not by position: headers are trimmed,
// width-folded (（）→ ()) and stripped of inner spaces before matching, and the
// English open-data names are accepted as aliases. CSV may be UTF-8 (with or
// without BOM), UTF-16 with BOM, or GB18030/GBK; XLSX is read from its first
// sheet with Excel serial dates.
package load
