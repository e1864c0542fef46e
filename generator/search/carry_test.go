package search

import (
	"bytes"
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"portal/generator/model"
)

// keepSink is a memSink that can carry files over, as publish.Tx can.
type keepSink struct {
	memSink
	kept []string
}

func (k *keepSink) Keep(paths ...string) (bool, error) {
	k.kept = append(k.kept, paths...)
	return true, nil
}

// The key of an index changes whenever its files would: every change to a
// document that the index holds — its texts, keys, card, path, kind, note —
// changes what is written, and must change the key, or a later build would
// carry a stale index over. One agency and one document are changed in
// each way a register or content edit can change them.
func TestIndexKeyFollowsTheFiles(t *testing.T) {
	base := demoDocs(t)
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	write := func(docs []Doc) (map[string][]byte, string) {
		t.Helper()
		var sink memSink
		m, kept, err := WriteStaticFrom(context.Background(), an, docs, &sink, nil)
		if err != nil || kept {
			t.Fatalf("kept %v, %v", kept, err)
		}
		// the version directory's name digests the key (indexDir):
		// compare the files below it
		files := map[string][]byte{}
		for p, b := range sink.Files {
			files[p[len(m.Index.Dir):]] = b
		}
		return files, m.Key
	}
	baseFiles, baseKey := write(base)
	if _, again := write(slices.Clone(base)); again != baseKey {
		t.Fatal("the same documents gave two keys")
	}
	ag := slices.IndexFunc(base, func(d Doc) bool { return d.Kind == KindAgency && len(d.Former) > 0 && len(d.Later) > 0 })
	doc := slices.IndexFunc(base, func(d Doc) bool { return d.Kind == KindPolicy })
	if ag < 0 || doc < 0 {
		t.Fatal("the demo data has no agency with a former name and a later verdict, or no policy")
	}
	until := base[ag].Verdict.Until
	for _, c := range []struct {
		what string
		o    int
		edit func(d *Doc)
	}{
		{"name", ag, func(d *Doc) { d.Name += "甲" }},
		{"a former name", ag, func(d *Doc) { d.Former = append(slices.Clone(d.Former[:len(d.Former)-1]), "旧名乙有限公司") }},
		{"other texts (region, status)", ag, func(d *Doc) { d.Other = append(slices.Clone(d.Other), "丙") }},
		{"an exact key", ag, func(d *Doc) { d.Keys = append(slices.Clone(d.Keys), "440100209999999") }},
		{"a former name's key", ag, func(d *Doc) { d.OldKeys = append(slices.Clone(d.OldKeys), "旧名丁有限公司") }},
		{"code", ag, func(d *Doc) { d.Code = "91440101MA5XXXXX0X" }},
		{"licence number", ag, func(d *Doc) { d.Licence += "1" }},
		{"verdict class", ag, func(d *Doc) { d.Verdict.Class = "bad" }},
		{"verdict label", ag, func(d *Doc) { d.Verdict.Label = "已吊销" }},
		{"verdict headline", ag, func(d *Doc) { d.Verdict.Headline += "。" }},
		{"verdict end", ag, func(d *Doc) { d.Verdict.Until = until.AddDays(1) }},
		{"no later verdict", ag, func(d *Doc) { d.Later = nil }},
		{"later verdict", ag, func(d *Doc) { d.Later = slices.Clone(d.Later); d.Later[0].Label = "已注销" }},
		{"later verdict's end", ag, func(d *Doc) { d.Later = slices.Clone(d.Later); d.Later[0].Until = d.Later[0].Until.AddDays(1) }},
		{"重点监控", ag, func(d *Doc) { d.Watch = !d.Watch }},
		{"经营异常", ag, func(d *Doc) { d.Abnormal = !d.Abnormal }},
		{"province (s.json's, in no document's texts)", ag, func(d *Doc) { d.Province = "广西壮族自治区" }},
		{"document title", doc, func(d *Doc) { d.Name += "（修订）" }},
		{"document body", doc, func(d *Doc) { d.Other = append(slices.Clone(d.Other), "新增一段正文") }},
		{"document path", doc, func(d *Doc) { d.Path = "policies/renamed/" }},
		{"document kind", doc, func(d *Doc) { d.Kind = KindNews }},
		{"document note", doc, func(d *Doc) { d.Note = "粤人社规〔2099〕1号" }},
	} {
		docs := slices.Clone(base)
		c.edit(&docs[c.o])
		files, key := write(docs)
		if !maps.EqualFunc(files, baseFiles, bytes.Equal) && key == baseKey {
			t.Errorf("%s: the files changed and the key did not", c.what)
		}
		if key == baseKey {
			t.Errorf("%s: the key did not change", c.what)
		}
	}
	// a date the index does not hold (the verdict's start) changes nothing
	docs := slices.Clone(base)
	docs[ag].Verdict.From = model.MakeDate(2001, 1, 1)
	if files, key := write(docs); key != baseKey || !maps.EqualFunc(files, baseFiles, bytes.Equal) {
		t.Error("a field the index does not hold changed the key or the files")
	}
}

// WriteStaticFrom carries the files of the index before it over when the
// documents are the same, and writes a new index when one changed.
func TestWriteStaticFromCarries(t *testing.T) {
	docs := demoDocs(t)
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	var first keepSink
	prev, kept, err := WriteStaticFrom(context.Background(), an, docs, &first, nil)
	if err != nil || kept || len(first.Files) != len(prev.Files) || prev.Index.Files != len(prev.Files) {
		t.Fatalf("first write: kept %v, %d files written, %d listed, %v", kept, len(first.Files), len(prev.Files), err)
	}
	var again keepSink
	m, kept, err := WriteStaticFrom(context.Background(), an, slices.Clone(docs), &again, prev)
	if err != nil || !kept || m != prev || len(again.Files) != 0 {
		t.Fatalf("same documents: kept %v, %d files written, %v", kept, len(again.Files), err)
	}
	slices.Sort(again.kept)
	if want := slices.Sorted(maps.Keys(first.Files)); !slices.Equal(again.kept, want) {
		t.Errorf("kept %d files, the index has %d", len(again.kept), len(want))
	}
	// a sink that cannot carry files: the index is written
	var plain memSink
	if m, kept, err := WriteStaticFrom(context.Background(), an, docs, &plain, prev); err != nil || kept || len(plain.Files) != len(prev.Files) || m.Key != prev.Key {
		t.Errorf("a sink without Keep: kept %v, %d files written, %v", kept, len(plain.Files), err)
	}
	changed := slices.Clone(docs)
	changed[0].Name += "甲"
	var third keepSink
	if m, kept, err := WriteStaticFrom(context.Background(), an, changed, &third, prev); err != nil || kept || len(third.kept) != 0 || m.Key == prev.Key {
		t.Errorf("a document changed: kept %v (%d files), %v", kept, len(third.kept), err)
	}
}

// The index's directory is named before its first file is written
// (indexDir): every file is below it, the same documents name the same
// directory, and documents that make other files another.
func TestIndexDirFollowsDocuments(t *testing.T) {
	an, err := NewAnalysis()
	if err != nil {
		t.Fatal(err)
	}
	write := func(docs []Doc) (string, map[string][]byte) {
		t.Helper()
		var sink memSink
		m, _, err := WriteStaticFrom(context.Background(), an, docs, &sink, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(sink.Files) != m.Index.Files || len(m.Files) != m.Index.Files {
			t.Fatalf("%d files written, %d listed, the index says %d", len(sink.Files), len(m.Files), m.Index.Files)
		}
		var n int64
		for p, b := range sink.Files {
			if !strings.HasPrefix(p, m.Index.Dir) {
				t.Fatalf("%s is not below %s", p, m.Index.Dir)
			}
			n += int64(len(b))
		}
		if n != m.Index.Bytes {
			t.Fatalf("%d bytes written, the index says %d", n, m.Index.Bytes)
		}
		return m.Index.Dir, sink.Files
	}
	base := demoDocs(t)
	dir, files := write(base)
	if again, _ := write(slices.Clone(base)); again != dir {
		t.Fatalf("the same documents in %s and %s", dir, again)
	}
	renamed := slices.Clone(base)
	renamed[0].Name += "（新）"
	other, otherFiles := write(renamed)
	if other == dir {
		t.Fatalf("a renamed agency's index in the same directory %s", dir)
	}
	same := len(files) == len(otherFiles)
	for p, b := range files {
		if !bytes.Equal(b, otherFiles[other+p[len(dir):]]) {
			same = false
		}
	}
	if same {
		t.Fatal("a renamed agency changed no file of the index")
	}
}
