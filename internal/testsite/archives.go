package testsite

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"strings"
	"testing"
)

// RAR5 is a RAR 5 archive of files (name, text), stored as `rar -m0`
// stores them; a name ending in # is of a file encrypted with a password
// (the mark left out of its name), and sealed encrypts the archive's
// headers too, as `rar -hp` does (RAR 5.0 archive format: each block a
// CRC-32 of its header, the header's size, type and flags as vints).
func RAR5(files [][2]string, sealed bool) []byte {
	vint := func(b []byte, v uint64) []byte {
		for ; v >= 0x80; v >>= 7 {
			b = append(b, byte(v)|0x80)
		}
		return append(b, byte(v))
	}
	out := []byte("Rar!\x1a\x07\x01\x00")
	block := func(body []byte) {
		head := vint(nil, uint64(len(body)))
		head = append(head, body...)
		out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(head))
		out = append(out, head...)
	}
	if sealed {
		block(append(vint(vint(vint(vint(nil, 4), 0), 0), 0), append([]byte{15}, make([]byte, 16)...)...))
	}
	block(vint(vint(vint(nil, 1), 0), 0)) // the main archive header
	for _, f := range files {
		name, data := f[0], []byte(f[1])
		var extra []byte
		if encrypted := strings.HasSuffix(name, "#"); encrypted {
			name = strings.TrimSuffix(name, "#")
			rec := vint(vint(vint(nil, 1), 0), 0) // encryption: version 0, no flags
			rec = append(rec, 15)
			rec = append(rec, make([]byte, 32)...) // salt, IV
			extra = append(vint(nil, uint64(len(rec))), rec...)
		}
		flags := uint64(0x02) // data follows
		if extra != nil {
			flags |= 0x01
		}
		h := vint(vint(nil, 2), flags)
		if extra != nil {
			h = vint(h, uint64(len(extra)))
		}
		h = vint(h, uint64(len(data)))
		h = vint(vint(vint(h, 0x04), uint64(len(data))), 0x20) // CRC-32 given; size; attributes
		h = binary.LittleEndian.AppendUint32(h, crc32.ChecksumIEEE(data))
		h = vint(vint(h, 0), 0) // stored; Windows
		h = vint(h, uint64(len(name)))
		h = append(append(h, name...), extra...)
		block(h)
		out = append(out, data...)
	}
	block(vint(vint(vint(nil, 5), 0), 0)) // the end of the archive
	return out
}

// EncryptedZip is a zip archive of one file, name, whose header says
// it is encrypted (what follows is its ciphertext, as far as a reader
// knows).
func EncryptedZip(t testing.TB, name string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	w, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Store, Flags: 0x1, CompressedSize64: 12, UncompressedSize64: 12})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("\x8a\x13\xf0\x07\x5c\x99\x21\x3e\xd4\x60\x0b\xc7"))
	z.Close()
	return b.Bytes()
}
