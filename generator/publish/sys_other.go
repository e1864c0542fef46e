//go:build !linux

package publish

import (
	"errors"
	"os"
)

func exchange(a, b string) error { return errors.New("atomic exchange not supported") }

func writeFile(name string, data []byte) error { return os.WriteFile(name, data, 0o644) }

// lockFile is not supported here: builds of one output are not kept apart.
func lockFile(f *os.File) (bool, error) { return true, nil }
