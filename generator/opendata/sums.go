package opendata

// SumsFile lists the SHA-256 of every other file under /data/, in the
// format `sha256sum -c` reads: run it inside the data directory. The
// publish writes it (publish.Tx.Checksums(Dir, SumsFile)).
const SumsFile = Dir + "SHA256SUMS"
