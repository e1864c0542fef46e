// Package model is the leaf of the generator: the domain types every stage
// shares (Agency, Decision, AnnualCheck, Grade, Listing, Region, Policy, FAQ,
// NewsItem, Page, Site), the status enums, and the validation of the values
// that have a national standard: dates and 统一社会信用代码 (GB 32100-2015).
// It imports nothing from the rest of the project.
//
// Every string in the model is valid UTF-8: load decodes or rejects every
// input file before a value is taken from it, and later stages (the JSON
// writers of opendata) rely on that.
package model
