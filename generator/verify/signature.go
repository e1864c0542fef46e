package verify

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"portal/generator/catalogue"

	"portal/generator/sign"
)

// The files of a signed release beside SHA256SUMS, named as the release
// names them (catalogue), below the data directory.
var (
	signatureFile = strings.TrimPrefix(catalogue.SignatureFile, catalogue.Dir)
	publicKeyFile = strings.TrimPrefix(catalogue.PublicKeyFile, catalogue.Dir)
)

// Signature checks the release's signature of SHA256SUMS: against the
// key the release publishes (portal.pub) and, when keyFile is given,
// against that key — the one a careful reader got from the bureau itself,
// not from the release. signedBy is the ID of the key that verified; an
// unsigned release is a problem only when a key is given.
func Signature(dir, keyFile string) (signedBy string, errs []error) {
	rel, err := openRelease(dir)
	if err != nil {
		return "", []error{err}
	}
	defer rel.Close()
	sig, err := rel.read(signatureFile, 4<<10)
	if errors.Is(err, fs.ErrNotExist) {
		if keyFile != "" {
			return "", []error{fmt.Errorf("%s: the release is not signed, but a key was given to verify it with", signatureFile)}
		}
		return "", nil
	}
	if err != nil {
		return "", []error{err}
	}
	sums, err := rel.read("SHA256SUMS", maxMetaBytes)
	if err != nil {
		return "", []error{err}
	}
	keys := map[string][]byte{}
	if b, err := rel.read(publicKeyFile, 4<<10); err == nil {
		keys[publicKeyFile+" (the release's own key)"] = b
	} else {
		errs = append(errs, fmt.Errorf("%s: %v", publicKeyFile, err))
	}
	if keyFile != "" {
		b, err := os.ReadFile(keyFile)
		if err != nil {
			return "", append(errs, err)
		}
		keys[keyFile] = b
	}
	for name, key := range keys {
		id, err := sign.Verify(key, sums, sig)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s with %s: %v", signatureFile, name, err))
			continue
		}
		signedBy = id
	}
	if len(errs) > 0 {
		signedBy = ""
	}
	return signedBy, errs
}
