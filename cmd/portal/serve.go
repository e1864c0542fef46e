package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"portal/generator/load"
	"portal/generator/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", stderr)
	var in inputFlags
	in.register(fs)
	templates := templatesFlag(fs)
	out := fs.String("out", "", "where the preview is built (default: a temporary directory, removed on exit)")
	bind := fs.String("bind", "127.0.0.1", "address to listen on; loopback unless you mean to share the preview")
	port := fs.Int("port", 1313, "port to listen on (0: any free port)")
	if code, stop := parseFlags(fs, args); stop {
		return code
	}
	for _, d := range []string{in.data, in.content, *templates} {
		if st, err := os.Stat(d); err != nil || !st.IsDir() {
			fmt.Fprintf(stderr, "portal serve: %s is not a directory: the preview watches the inputs on disk (pass --data, --content, --templates)\n", d)
			return exitUsage
		}
	}
	dir := *out
	if dir != "" {
		inputs := map[string]load.Dir{"data": load.OSDir(in.data), "content": load.OSDir(in.content), "templates": load.OSDir(*templates)}
		if err := checkOut(dir, inputs); err != nil {
			fmt.Fprintf(stderr, "portal serve: %v\n", err)
			return exitUsage
		}
	}
	if dir == "" {
		tmp, err := os.MkdirTemp("", "portal-serve-")
		if err != nil {
			fmt.Fprintf(stderr, "portal serve: %v\n", err)
			return exitUsage
		}
		defer os.RemoveAll(tmp)
		dir = filepath.Join(tmp, "public")
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	s, err := serve.Listen(serve.Options{Data: in.data, Content: in.content, Templates: *templates, Out: dir,
		AsOf: in.asOf.d, Strict: in.strict, Lang: in.lang.Lang, Bind: *bind, Port: *port, CacheDir: filepath.Join(cache, "portal", "search"), Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "portal serve: %v\n", err)
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	fmt.Fprintln(stdout, s.URL)
	if err := s.Run(ctx); err != nil {
		fmt.Fprintf(stderr, "portal serve: %v\n", err)
		return exitUsage
	}
	return exitOK
}
