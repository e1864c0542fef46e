// Package verify checks a published data directory as a consumer of the
// open data would, knowing nothing of how it was written: every file
// against SHA256SUMS (Sums), every resource's size and hash and every CSV
// cell against its Table Schema in datapackage.json (Package). It reads
// the directory as untrusted input: only regular files inside it, each no
// larger than described. portal verify-data runs both.
package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// maxErrorsPerFile caps what Validate reports for one CSV.
const maxErrorsPerFile = 50

// Package checks a published data directory against its own
// datapackage.json, as a consumer would: every resource's size and SHA-256,
// its header, and every cell against its Table Schema — type and format,
// required, enum, pattern, unique — then primary keys and foreign keys
// across resources. Errors read file:line:col: field "value": problem.
func Package(dir string) []error {
	rel, raw, err := openWith(dir, "datapackage.json")
	if err != nil {
		return []error{err}
	}
	defer rel.Close()
	var p descriptor
	if err := json.Unmarshal(raw, &p); err != nil {
		return []error{fmt.Errorf("datapackage.json: %v", err)}
	}
	var errs []error
	keys := map[string]map[string]map[string]bool{} // resource → field → values present
	type pendingFK struct {
		file, field, value, ref string
		line, col               int
	}
	var fks []pendingFK
	for _, r := range p.Resources {
		if r.Bytes < 0 || r.Bytes > maxFileBytes {
			errs = append(errs, fmt.Errorf("%s: datapackage.json gives %d bytes, more than verify-data reads", r.Path, r.Bytes))
			continue
		}
		// a file edited since it was described is still checked, but one
		// far larger than described is not read to its end
		data, err := rel.read(r.Path, r.Bytes+r.Bytes/2+64<<10)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if int64(len(data)) != r.Bytes {
			errs = append(errs, fmt.Errorf("%s: %d bytes, datapackage.json says %d", r.Path, len(data), r.Bytes))
		}
		sum := sha256.Sum256(data)
		if h := "sha256:" + hex.EncodeToString(sum[:]); h != r.Hash {
			errs = append(errs, fmt.Errorf("%s: hash %s, datapackage.json says %s", r.Path, h, r.Hash))
		}
		fe := &fileErrs{file: r.Path}
		vals := map[string]map[string]bool{}
		for _, f := range r.Schema.Fields {
			vals[f.Name] = map[string]bool{}
		}
		keys[r.Name] = vals
		fkOf := map[int]string{} // column → "resource.field"
		for _, fk := range r.Schema.ForeignKeys {
			if len(fk.Fields) == 1 {
				for j, f := range r.Schema.Fields {
					if f.Name == fk.Fields[0] {
						fkOf[j] = fk.Reference.Resource + "." + fk.Reference.Fields[0]
					}
				}
			}
		}
		checkTable(data, r, fe, vals, func(col, line int, value string) {
			if ref, ok := fkOf[col]; ok {
				fks = append(fks, pendingFK{r.Path, r.Schema.Fields[col].Name, value, ref, line, col + 1})
			}
		})
		errs = append(errs, fe.errs...)
	}
	for _, fk := range fks {
		res, field, _ := strings.Cut(fk.ref, ".")
		if !keys[res][field][fk.value] {
			errs = append(errs, fmt.Errorf("%s:%d:%d: field %q %q: no %s row has this %s (foreign key)", fk.file, fk.line, fk.col, fk.field, fk.value, res, field))
		}
	}
	return errs
}

type fileErrs struct {
	file string
	errs []error
	n    int
}

func (e *fileErrs) add(line, col int, field, value, msg string) {
	e.n++
	if e.n <= maxErrorsPerFile {
		e.errs = append(e.errs, fmt.Errorf("%s:%d:%d: field %q %q: %s", e.file, line, col, field, value, msg))
	} else if e.n == maxErrorsPerFile+1 {
		e.errs = append(e.errs, fmt.Errorf("%s: more errors not shown", e.file))
	}
}

// checkTable reads one CSV and checks its header and cells; vals collects
// every field's values for keys, fk is called for every non-empty cell.
func checkTable(data []byte, r resource, fe *fileErrs, vals map[string]map[string]bool, fk func(col, line int, value string)) {
	fields := r.Schema.Fields
	rd := csv.NewReader(bytes.NewReader(data))
	rd.FieldsPerRecord = len(fields)
	header, err := rd.Read()
	if err != nil {
		fe.add(1, 1, "", "", "cannot read the header: "+err.Error())
		return
	}
	for j, f := range fields {
		if header[j] != f.Name {
			fe.add(1, j+1, f.Name, header[j], "header does not match the schema")
		}
	}
	patterns := make([]*regexp.Regexp, len(fields))
	for j, f := range fields {
		if f.Constraints != nil && f.Constraints.Pattern != "" {
			re, err := regexp.Compile(f.Constraints.Pattern)
			if err != nil {
				fe.add(1, j+1, f.Name, f.Constraints.Pattern, "pattern does not compile: "+err.Error())
				return
			}
			patterns[j] = re
		}
	}
	pk := map[string]int{}
	pkCols := make([]int, 0, len(r.Schema.PrimaryKey))
	for _, k := range r.Schema.PrimaryKey {
		for j, f := range fields {
			if f.Name == k {
				pkCols = append(pkCols, j)
			}
		}
	}
	for {
		rec, err := rd.Read()
		if err == io.EOF {
			break
		}
		line, _ := rd.FieldPos(0)
		if err != nil {
			fe.add(line, 1, "", "", err.Error())
			if _, ok := err.(*csv.ParseError); ok && len(rec) == 0 {
				return
			}
			continue
		}
		for j, f := range fields {
			v := rec[j]
			c := f.Constraints
			if v == "" {
				if c != nil && c.Required {
					fe.add(line, j+1, f.Name, v, "required but empty")
				}
				continue
			}
			if msg := checkType(f.Type, v); msg != "" {
				fe.add(line, j+1, f.Name, v, msg)
			}
			if c != nil && len(c.Enum) > 0 && !contains(c.Enum, v) {
				fe.add(line, j+1, f.Name, v, "not one of "+strings.Join(c.Enum, " "))
			}
			if patterns[j] != nil && !patterns[j].MatchString(v) {
				fe.add(line, j+1, f.Name, v, "does not match "+c.Pattern)
			}
			if c != nil && c.Unique && vals[f.Name][v] {
				fe.add(line, j+1, f.Name, v, "not unique")
			}
			vals[f.Name][v] = true
			fk(j, line, v)
		}
		if len(pkCols) > 0 {
			var k strings.Builder
			for _, j := range pkCols {
				k.WriteString(rec[j])
				k.WriteByte(0)
			}
			if prev, dup := pk[k.String()]; dup {
				fe.add(line, pkCols[0]+1, strings.Join(r.Schema.PrimaryKey, ","), strings.ReplaceAll(strings.TrimSuffix(k.String(), "\x00"), "\x00", ","), fmt.Sprintf("primary key repeats line %d", prev))
			} else {
				pk[k.String()] = line
			}
		}
	}
}

// checkType says what is wrong with v as a value of the Table Schema type t.
func checkType(t, v string) string {
	switch t {
	case "date":
		if _, err := time.Parse("2006-01-02", v); err != nil {
			return "not a date (YYYY-MM-DD)"
		}
	case "integer":
		if _, err := strconv.ParseInt(v, 10, 64); err != nil {
			return "not an integer"
		}
	case "number":
		if f, err := strconv.ParseFloat(v, 64); err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
			return "not a number"
		}
	case "boolean":
		if v != "true" && v != "false" {
			return "not true or false"
		}
	case "array":
		var a []any
		if err := json.Unmarshal([]byte(v), &a); err != nil {
			return "not a JSON array"
		}
	case "string":
	default:
		return "unknown type " + t
	}
	return ""
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// Sums checks every file SHA256SUMS lists in dir, and that it lists
// every other file there but the precompressed copies of listed files
// (x.csv.gz, x.csv.br), which must decompress to them; as `sha256sum -c` would — reading only regular
// files inside dir, each no larger than datapackage.json says (or
// maxFileBytes when it does not list the file).
func Sums(dir string) []error {
	rel, raw, err := openWith(dir, "SHA256SUMS")
	if err != nil {
		return []error{err}
	}
	defer rel.Close()
	sizes := map[string]int64{}
	if b, err := rel.read("datapackage.json", maxMetaBytes); err == nil {
		var p descriptor
		if json.Unmarshal(b, &p) == nil {
			for _, r := range p.Resources {
				sizes[r.Path] = r.Bytes
			}
		}
	}
	var errs []error
	listed := map[string]bool{}
	wants := map[string]string{} // listed name → its SHA-256
	for i, l := range strings.Split(strings.TrimSuffix(string(raw), "\n"), "\n") {
		want, name, ok := strings.Cut(l, "  ")
		if !ok || len(want) != 64 {
			errs = append(errs, fmt.Errorf("SHA256SUMS:%d: not a \"HASH  NAME\" line", i+1))
			continue
		}
		listed[name] = true
		wants[name] = want
		limit, ok := sizes[name]
		if !ok || limit < 0 || limit > maxFileBytes {
			limit = maxFileBytes
		} else {
			limit += limit/2 + 64<<10 // an edited file is still hashed, a far larger one not read to its end
		}
		got, _, err := rel.hash(name, limit)
		if err != nil {
			errs = append(errs, fmt.Errorf("SHA256SUMS:%d: %v", i+1, err))
			continue
		}
		if got != want {
			errs = append(errs, fmt.Errorf("SHA256SUMS:%d: %s: checksum does not match", i+1, name))
		}
	}
	fs.WalkDir(rel.root.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "SHA256SUMS" || p == signatureFile || listed[p] {
			return nil
		}
		// a precompressed copy (register.csv.gz, .br), which a server sends
		// instead of the file to readers who accept the coding: it must
		// hold the listed file's bytes, or they would get another release
		ext := path.Ext(p)
		if want, ok := wants[strings.TrimSuffix(p, ext)]; ok && decoders[ext] != nil {
			limit := sizes[strings.TrimSuffix(p, ext)]
			if limit <= 0 || limit > maxFileBytes {
				limit = maxFileBytes
			}
			got, err := rel.hashDecoded(p, decoders[ext], limit+limit/2+64<<10)
			switch {
			case err != nil:
				errs = append(errs, fmt.Errorf("%s: %v", p, err))
			case got != want:
				errs = append(errs, fmt.Errorf("%s: does not decompress to %s: a stale precompressed copy, which a server would send instead of the file (build again, or delete it)", p, strings.TrimSuffix(p, ext)))
			}
			return nil
		}
		errs = append(errs, fmt.Errorf("%s: not listed in SHA256SUMS", p))
		return nil
	})
	return errs
}

// descriptor is what a consumer reads of datapackage.json (Frictionless
// Data Package v2, Table Schema).
type descriptor struct {
	Resources []resource `json:"resources"`
}

type resource struct {
	Name   string `json:"name"`
	Path   string `json:"path"`
	Bytes  int64  `json:"bytes"`
	Hash   string `json:"hash"`
	Schema struct {
		Fields []struct {
			Name        string `json:"name"`
			Type        string `json:"type"`
			Constraints *struct {
				Required bool     `json:"required"`
				Unique   bool     `json:"unique"`
				Enum     []string `json:"enum"`
				Pattern  string   `json:"pattern"`
			} `json:"constraints"`
		} `json:"fields"`
		PrimaryKey  []string `json:"primaryKey"`
		ForeignKeys []struct {
			Fields    []string `json:"fields"`
			Reference struct {
				Resource string   `json:"resource"`
				Fields   []string `json:"fields"`
			} `json:"reference"`
		} `json:"foreignKeys"`
	} `json:"schema"`
}
