// Package model is the leaf of the generator: the domain types every stage
// shares (Agency, Decision, AnnualCheck, Grade, Listing, Region, Policy, FAQ,
// NewsItem, Page, Site), the status enums, and the validation of the values
// that have a national standard: dates and 统一社会信用代码 (GB 32100-2015).
// It imports nothing from the rest of the project.
package model
