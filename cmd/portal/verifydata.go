package main

import (
	"fmt"
	"io"
	"path/filepath"

	"portal/generator/verify"
)

// runVerifyData checks a published data directory the way a data user
// would: SHA256SUMS, and every CSV against datapackage.json.
func runVerifyData(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("verify-data", stderr)
	key := fs.String("key", "", "the bureau's public key (portal.pub, as minisign -p takes it) to verify SHA256SUMS.minisig with,\nbesides the key the release publishes; with it, an unsigned release is a problem")
	if code, stop := parseWithOperands(fs, args); stop {
		return code
	}
	dir := filepath.Join("public", "data")
	switch fs.NArg() {
	case 0:
	case 1:
		dir = fs.Arg(0)
	default:
		fmt.Fprintln(stderr, "portal verify-data: give one directory (default public/data)")
		return exitUsage
	}
	errs := append(verify.Sums(dir), verify.Package(dir)...)
	signedBy, sigErrs := verify.Signature(dir, *key)
	errs = append(errs, sigErrs...)
	for _, err := range errs {
		fmt.Fprintln(stderr, err)
	}
	if len(errs) > 0 {
		fmt.Fprintf(stderr, "portal verify-data: %d problems in %s\n", len(errs), dir)
		return exitInput
	}
	signed := "unsigned (no SHA256SUMS.minisig)"
	if signedBy != "" {
		signed = "signed by key " + signedBy
	}
	fmt.Fprintf(stdout, "%s: SHA256SUMS and every table in datapackage.json check out; %s\n", dir, signed)
	return exitOK
}
