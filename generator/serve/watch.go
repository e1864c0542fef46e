package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watch reports, on changed, that something under dirs changed, once a
// burst of events has been quiet for debounce: an editor's save is often
// write+chmod, or a temp file renamed over the original, or remove+create.
// fsnotify is not recursive, so every directory is watched, including
// those created later.
// ready is closed once every directory is watched.
func watch(ctx context.Context, dirs []string, debounce time.Duration, changed chan<- []string, ready chan<- struct{}) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		close(ready)
		return err
	}
	defer w.Close()
	add := func(root string) {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				w.Add(p)
			}
			return nil
		})
	}
	for _, d := range dirs {
		add(d)
	}
	close(ready)
	var timer *time.Timer
	var fire <-chan time.Time
	pending := map[string]bool{}
	for {
		select {
		case <-ctx.Done():
			if timer != nil {
				timer.Stop()
			}
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					add(ev.Name)
				}
			}
			pending[ev.Name] = true
			if timer == nil {
				timer = time.NewTimer(debounce)
			} else {
				timer.Reset(debounce)
			}
			fire = timer.C
		case <-fire:
			fire = nil
			names := make([]string, 0, len(pending))
			for n := range pending {
				names = append(names, n)
			}
			clear(pending)
			select {
			case changed <- names:
			case <-ctx.Done():
				return nil
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			_ = err // an overflow: the next event still triggers a full rebuild
		}
	}
}

// ignored are editors' scratch files: vim's swap files and its 4913 probe,
// backups ending in ~, emacs lock files (.#name).
func ignored(name string) bool {
	base := filepath.Base(name)
	return strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") ||
		strings.HasPrefix(base, ".#") || base == "4913"
}
