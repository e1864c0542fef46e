// Command replay writes again the files of a build's output, as sizes
// alone, to measure what the file system costs to take that output: the
// floor under a build's wall time that no change to the portal lowers
// (BENCHMARKS.md, session 77). Used by .ci/bench-writes.
//
//	go run ./.ci/replay list DIR > SIZES   # each file's path and size
//	go run ./.ci/replay write SIZES OUT    # write them again, 2 writers
package main

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

func main() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: replay list DIR | replay write SIZES OUT")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "list":
		err = list(os.Args[2])
	case "write":
		if len(os.Args) != 4 {
			err = fmt.Errorf("replay write SIZES OUT")
			break
		}
		err = write(os.Args[2], os.Args[3])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "replay:", err)
		os.Exit(1)
	}
}

// list prints every regular file below dir as "SIZE PATH", in walk order.
func list(dir string) error {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		_, err = fmt.Fprintf(w, "%d %s\n", info.Size(), rel)
		return err
	})
}

type file struct {
	path string
	size int
}

// write creates under out every file sizes lists, of its size, with two
// writers (the build's two cores), and prints the time and bytes taken.
func write(sizes, out string) error {
	b, err := os.ReadFile(sizes)
	if err != nil {
		return err
	}
	var files []file
	largest, total := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		n, p, ok := strings.Cut(line, " ")
		size, err := strconv.Atoi(n)
		if !ok || err != nil {
			return fmt.Errorf("%s: not SIZE PATH: %q", sizes, line)
		}
		files = append(files, file{filepath.Join(out, p), size})
		largest, total = max(largest, size), total+size
	}
	buf := make([]byte, min(largest, 1<<20))
	for i := range buf {
		buf[i] = byte('a' + i%26)
	}
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(files); i += 2 {
				if err := put(files[i], buf); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	fmt.Printf("%d files, %.1f MB in %.2f s\n", len(files), float64(total)/1e6, time.Since(start).Seconds())
	return nil
}

// put writes f, in pieces of buf at most, making its folder first.
func put(f file, buf []byte) error {
	if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
		return err
	}
	h, err := os.Create(f.path)
	if err != nil {
		return err
	}
	for left := f.size; left > 0; left -= min(left, len(buf)) {
		if _, err := h.Write(buf[:min(left, len(buf))]); err != nil {
			h.Close()
			return err
		}
	}
	return h.Close()
}
