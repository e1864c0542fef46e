package generator

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"portal/generator/publish"
)

// The list a build records of its output reads back as it was written,
// and anything else — a byte changed, cut short, lengthened — is refused.
func TestOutputListRoundTrip(t *testing.T) {
	l := outputList{key: "abc", files: []string{"a/b/index.html", "a/b/index.json", "a/c/x.html", "index.html", "甲/乙.xml"},
		dirs: []listedDir{{path: ""}, {path: "a", stat: publish.DirStat{Dev: 1, Ino: 2, MTime: -3, Nlink: 4}},
			{path: "a/b", racy: true}, {path: "a/c", stat: publish.DirStat{Ino: 1 << 60, MTime: time.Now().UnixNano()}}, {path: "甲"}}}
	b := l.encode()
	got, err := decodeList(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.key != l.key || !slices.Equal(got.files, l.files) || !slices.Equal(got.dirs, l.dirs) {
		t.Errorf("read back:\n%+v\nwritten:\n%+v", *got, l)
	}
	for i := range b {
		c := bytes.Clone(b)
		c[i] ^= 0x10
		if _, err := decodeList(c); err == nil {
			t.Errorf("byte %d changed: read", i)
		}
	}
	for n := range len(b) {
		if _, err := decodeList(b[:n]); err == nil {
			t.Errorf("cut to %d bytes: read", n)
		}
	}
	if _, err := decodeList(append(bytes.Clone(b), 0)); err == nil {
		t.Error("a byte more: read")
	}
}

// Whether the output is as the last build left it is decided by the list
// that build recorded (fastScan) only where that is what the walk of the
// output decides: after any change by hand — a file added, removed,
// renamed or edited, a directory added, a file put into an empty
// directory the list does not name, a directory replaced by a copy — the
// scan's verdict is the walk's, and a key fastScan gives is the walk's
// key. Each change is tried with the directories' times before the
// record's clock (their stat vouches for their listing) and after it (they
// are listed).
func TestFastScanAsWalk(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("publish.Tree is Linux's")
	}
	changes := []struct {
		name   string
		change func(out string) error
		intact bool // as the walk decides
	}{
		{"nothing", func(string) error { return nil }, true},
		{"a file added", func(out string) error { return os.WriteFile(filepath.Join(out, "a", "new.html"), nil, 0o644) }, false},
		{"a file removed", func(out string) error { return os.Remove(filepath.Join(out, "a", "b", "y.html")) }, false},
		{"a file renamed", func(out string) error {
			return os.Rename(filepath.Join(out, "a", "x.html"), filepath.Join(out, "a", "w.html"))
		}, false},
		{"a file edited", func(out string) error {
			return os.WriteFile(filepath.Join(out, "c", "z.html"), []byte("defaced"), 0o644)
		}, false},
		{"a file put into an empty directory", func(out string) error {
			return os.WriteFile(filepath.Join(out, "a", "e", "new.html"), nil, 0o644)
		}, false},
		{"a directory added", func(out string) error { return os.Mkdir(filepath.Join(out, "a", "d"), 0o755) }, true},
		{"a file added deeper in a new directory", func(out string) error {
			os.MkdirAll(filepath.Join(out, "a", "b", "n", "m"), 0o755)
			return os.WriteFile(filepath.Join(out, "a", "b", "n", "m", "x.html"), nil, 0o644)
		}, false},
		{"a hidden entry added at the top", func(out string) error {
			return os.WriteFile(filepath.Join(out, ".well-known"), nil, 0o644)
		}, true},
		{"a directory replaced by a copy", func(out string) error {
			src, cp := filepath.Join(out, "c"), filepath.Join(out, ".c-copy")
			os.Mkdir(cp, 0o755)
			fi, _ := os.Stat(filepath.Join(src, "z.html"))
			b, _ := os.ReadFile(filepath.Join(src, "z.html"))
			os.WriteFile(filepath.Join(cp, "z.html"), b, 0o644)
			os.Chtimes(filepath.Join(cp, "z.html"), fi.ModTime(), fi.ModTime())
			di, _ := os.Stat(src)
			os.RemoveAll(src)
			if err := os.Rename(cp, src); err != nil {
				return err
			}
			return os.Chtimes(src, di.ModTime(), di.ModTime())
		}, true},
	}
	for _, times := range []string{"before the clock", "after the clock"} {
		for _, c := range changes {
			t.Run(times+"/"+c.name, func(t *testing.T) {
				out := filepath.Join(t.TempDir(), "public")
				for p, s := range map[string]string{"index.html": "top", "a/x.html": "x", "a/b/y.html": "y", "c/z.html": "z", ".git/HEAD": "ref"} {
					os.MkdirAll(filepath.Dir(filepath.Join(out, p)), 0o755)
					os.WriteFile(filepath.Join(out, p), []byte(s), 0o644)
				}
				if strings.Contains(c.name, "empty directory") {
					os.Mkdir(filepath.Join(out, "a", "e"), 0o755) // on no file's path (at the top, it would be someone's: TestEntriesPutAtTheTopAreKept)
				}
				when := time.Now().Add(-time.Hour)
				if times == "after the clock" {
					when = time.Now().Add(time.Hour)
				}
				filepath.WalkDir(out, func(p string, e os.DirEntry, err error) error {
					if err == nil && e.IsDir() {
						os.Chtimes(p, when, when)
					}
					return err
				})
				var files []outputFile
				for _, top := range []string{"a", "c"} {
					publish.WalkFiles(filepath.Join(out, top), top+"/", func(rel string, st publish.FileStat) {
						files = append(files, outputFile{strings.TrimSuffix(rel, "/"), st})
					})
				}
				fi, _ := os.Lstat(filepath.Join(out, "index.html"))
				files = append(files, outputFile{"index.html", publish.StatOf(fi)})
				key := keyOf(files)
				if walked, _, _, err := scanOutput(out, nil); err != nil || walked != key {
					t.Fatalf("the files listed are not the walk's: %v", err)
				}
				if err := recordList(out, key, files, nil); err != nil {
					t.Fatal(err)
				}
				lp, _ := listPath(out)
				b, _ := os.ReadFile(lp)
				l, err := decodeList(b)
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range l.dirs {
					// vouched for when its time is before the clock and
					// its links are its listed subdirectories' (a's are
					// not when an empty directory is there)
					want := times == "after the clock" || d.path == "a" && strings.Contains(c.name, "empty directory")
					if d.racy != want {
						t.Errorf("directory %q recorded racy %v", d.path, d.racy)
					}
				}
				if err := c.change(out); err != nil {
					t.Fatal(err)
				}
				walked, _, _, err := scanOutput(out, nil)
				if err != nil {
					t.Fatal(err)
				}
				if (walked == key) != c.intact {
					t.Fatalf("the walk says intact %v", walked == key)
				}
				fast, index, below, ok := fastScan(out, recordedList(out, key), nil)
				if ok && fast != walked {
					t.Errorf("fastScan's key is not the walk's")
				}
				if c.name == "nothing" && !ok {
					t.Error("fastScan refused an output as it was recorded")
				}
				if ok && (len(index) != 4 || below["a"] != 2 || below["c"] != 1) {
					t.Errorf("fastScan's files: %d, below %v", len(index), below)
				}
				st := &buildState{Output: key}
				if st.scan(out); st.intact != c.intact {
					t.Errorf("scan says intact %v", st.intact)
				}
			})
		}
	}
}

// decodeList reads any bytes without panicking, and what it reads encodes
// to the very bytes it read: a list is never read as other than written.
// The fuzzed bytes are a list's body, given its magic and a right CRC so
// that the reading gets past them.
func FuzzDecodeList(f *testing.F) {
	body := func(l outputList) []byte {
		b := l.encode()
		return b[len(listMagic) : len(b)-4]
	}
	f.Add(body(outputList{key: "k", files: []string{"a/b.html", "a/c.html", "d.html"},
		dirs: []listedDir{{path: ""}, {path: "a", stat: publish.DirStat{Dev: 3, Ino: 9, MTime: 1 << 40, Nlink: 2}, racy: true}}}))
	f.Add(body(outputList{dirs: []listedDir{{path: ""}}}))
	f.Fuzz(func(t *testing.T, body []byte) {
		b := append([]byte(listMagic), body...)
		b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(b))
		got, err := decodeList(b)
		if err != nil {
			return
		}
		if again := got.encode(); !bytes.Equal(again, b) {
			t.Fatalf("read %+v from %q, which encodes to %q", *got, b, again)
		}
	})
}
