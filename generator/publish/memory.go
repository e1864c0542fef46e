package publish

import (
	"bytes"
	"fmt"
	"sync"
)

// Memory is where a stage writes its files when they are not to go to
// disk yet: the pages a content-only rebuild renders before Patch writes
// the ones that changed, and what tests read back. It is safe for
// concurrent use, keeps a copy of what it is given (stages reuse their
// buffers) and refuses a path written twice, as Tx does.
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte // by the path below the output
}

// Add keeps data as the file at path.
func (m *Memory) Add(path string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = map[string][]byte{}
	}
	if _, dup := m.Files[path]; dup {
		return fmt.Errorf("two files with the path %q", path)
	}
	m.Files[path] = bytes.Clone(data)
	return nil
}
