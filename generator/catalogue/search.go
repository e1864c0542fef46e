package catalogue

// SearchIndex describes a written static search index, for the pages whose
// search box reads it (search.WriteStatic makes it).
type SearchIndex struct {
	Dir         string // below the site root, ending in /: search/{version}/
	TermShards  int
	ExactShards int
	Agencies    int // agencies, numbered before the documents
	Items       int // documents and agencies
	Block       int // ordinals per block of a posting list
	Chunk       int // records per record file
	Files       int
	Bytes       int64
}
