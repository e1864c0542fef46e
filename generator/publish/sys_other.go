//go:build !linux

package publish

import (
	"errors"
	"os"
)

func exchange(a, b string) error { return errors.New("atomic exchange not supported") }

// writeFile creates name holding data, and returns its stat.
func writeFile(name string, data []byte) (FileStat, error) {
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return FileStat{}, err
	}
	fi, err := os.Lstat(name)
	if err != nil {
		return FileStat{}, nil // unknown: the output's key stats it again
	}
	return StatOf(fi), nil
}

// lockFile is not supported here: builds of one output are not kept apart.
func lockFile(f *os.File) (bool, error) { return true, nil }
