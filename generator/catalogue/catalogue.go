package catalogue

import (
	"strings"

	"portal/generator/model"
)

// Dir is where the datasets live below the site root.
const Dir = "data/"

// The release's files below the site root besides the datasets.
const (
	PackageFile  = Dir + "datapackage.json" // the Frictionless descriptor of the canonical CSVs
	ChangesJSON  = Dir + "changes.json"
	ChangesAtom  = Dir + "changes.xml"
	ReleasesJSON = Dir + "releases.json"
	RegisterJSON = Dir + "register.json"
	// SumsFile lists the SHA-256 of every other file under /data/, in the
	// format `sha256sum -c` reads: run it inside the data directory. The
	// publish writes it (publish.Tx.Checksums(Dir, SumsFile)).
	SumsFile = Dir + "SHA256SUMS"
)

// The published formats of every dataset.
const (
	FormatCSV   = "csv"       // canonical: RFC 4180, UTF-8, English headers
	FormatExcel = "excel.csv" // UTF-8 with BOM, Chinese headers, formula-safe
	FormatJSON  = "json"      // one array of objects
	FormatJSONL = "jsonl"     // one object per line
	FormatXLSX  = "xlsx"      // an Excel workbook: typed cells, the data dictionary
)

// Formats lists them in the order the catalogue shows them.
var Formats = []string{FormatCSV, FormatExcel, FormatJSON, FormatJSONL, FormatXLSX}

// Mediatype is the Content-Type of a published format.
func Mediatype(format string) string {
	switch format {
	case FormatCSV, FormatExcel:
		return "text/csv"
	case FormatJSONL:
		return "application/jsonl"
	case "atom":
		return "application/atom+xml"
	case FormatXLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case "zip":
		return "application/zip"
	}
	if strings.HasSuffix(format, "json") {
		return "application/json"
	}
	return "application/octet-stream"
}

// FileInfo describes one published file.
type FileInfo struct {
	Path   string // below the site root, e.g. data/register.csv
	Format string
	Bytes  int64
	SHA256 string // hex
}

// Name is the file name without its directory.
func (f FileInfo) Name() string { return f.Path[strings.LastIndexByte(f.Path, '/')+1:] }

// Dataset is a published table: its schema, files and, for the dictionary,
// an example of each field.
type Dataset struct {
	Schema
	Rows     int        // records published (equal to the input's, or nothing is published)
	Files    []FileInfo // in Formats order; Files[0] is the canonical CSV
	Examples []string   // per field: the first non-empty value, as in the CSV
	// Key digests what its files are made from (schema, release time and
	// every cell), so that the next build can keep them when it is the same.
	Key string
	// Runs are its rows in runs of a fixed number, each with the key of
	// its rows and where its bytes are in each file, so that the next
	// build copies the runs whose rows are the same instead of encoding
	// them again (opendata).
	Runs []Run
}

// Run is a run of a dataset's rows, Lo to Hi-1: the key of those rows and
// where the files hold them.
type Run struct {
	Lo, Hi int
	Key    string
	// Spans are where the run is in each file, in Formats order, then in
	// the release archive's copy of the canonical CSV (ArchiveSpan). A
	// span of a compressed file (the workbook's sheet, the archive) is
	// within the entry's data, compressed on its own.
	Spans []Span
}

// ArchiveSpan is the index in Run.Spans of the run in the release archive.
const ArchiveSpan = 5

// Span is a run's bytes in one file: Len bytes at Off, whose CRC-32 (IEEE)
// is CRC; for a compressed span, Raw bytes with the CRC-32 RawCRC before
// they were compressed.
type Span struct {
	Off    int64  `json:"off"`
	Len    int64  `json:"len"`
	CRC    uint32 `json:"crc"`
	Raw    int64  `json:"raw,omitempty"`
	RawCRC uint32 `json:"raw_crc,omitempty"`
}

// Catalogue is what the release published, for the /data/ pages.
type Catalogue struct {
	Version string // the as-of date, ISO 8601
	Created string // RFC 3339
	Site    *model.Site
	Tables  []*Dataset
	Package FileInfo // datapackage.json
	// Archive is this release's archive (ArchivePath): every table's
	// canonical CSV, datapackage.json and their SHA256SUMS in one zip.
	Archive  FileInfo
	Changes  *Changes
	Releases []Release
	// History is the changes of every release the history keeps its own
	// changes.json of (Release.Changes), this one's included, by version.
	History  map[string]*Changes
	Agencies int // per-agency JSON records written or kept
	Kept     int // per-agency JSON records kept from the previous output
	// KeptData counts the tables' files kept from the previous output:
	// their rows are the same (Dataset.Key)
	KeptData int
	// CopiedRuns counts the runs of rows (Dataset.Runs) copied into
	// changed tables' files from the previous output, one a file.
	CopiedRuns int
	// AgencyKey digests what an agency record holds besides the agency's
	// own records: records are kept only under the same key.
	AgencyKey string
	// SignedBy is the ID of the minisign key that signed SHA256SUMS
	// (SignatureFile, verified with PublicKeyFile); "" for an unsigned release.
	SignedBy string
}

// ReleasesDir holds one folder per release, each with its archive, kept
// from release to release (site.toml keep_releases).
const ReleasesDir = Dir + "releases/"

// ArchivePath is where the release id's archive is published:
// data/releases/{id}/labour-dispatch-licensing-{id}.zip.
func ArchivePath(id string) string {
	return ReleasesDir + id + "/" + ArchiveName(id)
}

// ReleaseChanges is where the release id's own changes.json is kept.
func ReleaseChanges(id string) string { return ReleasesDir + id + "/changes.json" }

// ChangesPage is the page of the release id's changes (a site path).
func ChangesPage(id string) string { return Dir + "changes/" + id + "/" }

// CityFeed is the Atom feed of the changes in one city (行政区划代码 …00).
func CityFeed(city string) string { return Dir + "changes/" + city + ".xml" }

// ArchiveName is the file name of the release id's archive.
func ArchiveName(id string) string { return PackageName + "-" + id + ".zip" }

// PackageName is the data package's name (datapackage.json "name").
const PackageName = "labour-dispatch-licensing"

// A signed release's files beside SHA256SUMS (package sign writes them).
const (
	PublicKeyFile = Dir + "portal.pub"
	SignatureFile = Dir + "SHA256SUMS.minisig"
)

// Table returns the dataset named name, or nil.
func (c *Catalogue) Table(name string) *Dataset {
	for _, t := range c.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}
