package opendata

// encode writes the whole table into each output, as writeRuns does
// with nothing to copy — the two CSVs together,
// or JSON and JSON Lines together, which share the encoding of every
// record — a run of rows (runRows) at a time, handing each run on whole.
// When key is not nil it is given every row too.
func encode(t *Table, outs []*output, key *keyer) error {
	encodeHead(t, outs)
	row := make([]Cell, len(t.Fields))
	for lo := 0; lo < t.Len; lo += runRows {
		if err := flushAll(outs); err != nil {
			return err
		}
		encodeRows(t, lo, min(lo+runRows, t.Len), outs, row, key)
	}
	if err := flushAll(outs); err != nil {
		return err
	}
	encodeTail(t, outs)
	return flushAll(outs)
}
