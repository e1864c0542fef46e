package main

import (
	"fmt"
	"io"
	"os"

	"portal/generator/sign"
)

func runKeygen(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("keygen", stderr)
	password := fs.Bool("password", false, "encrypt the secret key with the password in $PORTAL_SIGN_PASSWORD (portal build opens it with the same variable)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: portal keygen [--password] DIR\n\nwrite a signing key pair in the minisign format: DIR/portal.key (secret, mode 0600) and DIR/portal.pub\n")
		fs.PrintDefaults()
	}
	if code, stop := parseWithOperands(fs, args); stop {
		return code
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	pw := ""
	if *password {
		if pw = os.Getenv("PORTAL_SIGN_PASSWORD"); pw == "" {
			fmt.Fprintln(stderr, "portal keygen: --password: set the password in $PORTAL_SIGN_PASSWORD")
			return exitUsage
		}
	}
	secret, public, err := sign.Keygen(fs.Arg(0), pw)
	if err != nil {
		fmt.Fprintf(stderr, "portal keygen: %v\n", err)
		return exitInput
	}
	k, err := sign.LoadKey(secret, pw)
	if err != nil {
		fmt.Fprintf(stderr, "portal keygen: %v\n", err)
		return exitInput
	}
	fmt.Fprintf(stdout, "wrote %s (secret: keep it off the web server) and %s (public, key %s)\nsign a release: portal build --sign-key %s\nverify it:      minisign -Vm SHA256SUMS -p %s\n", secret, public, k.ID(), secret, public)
	return exitOK
}
