// Package sign makes a release verifiable: it signs the release's
// SHA256SUMS in the minisign format (aead.dev/minisign), so that anyone can
// check with the standard `minisign -Vm SHA256SUMS -p portal.pub` — or
// portal verify-data — that the files are the bureau's, byte for byte.
package sign

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"aead.dev/minisign"
)

// Key is a secret key read for signing.
type Key struct{ priv minisign.PrivateKey }

// Keygen writes a new key pair into dir: portal.key (secret, mode 0600,
// encrypted with password unless it is empty) and portal.pub. It refuses
// to overwrite a key.
func Keygen(dir, password string) (secret, public string, err error) {
	pub, priv, err := minisign.GenerateKey(rand.Reader)
	if err != nil {
		return "", "", err
	}
	var privText []byte
	if password != "" {
		privText, err = minisign.EncryptKey(password, priv)
	} else {
		privText, err = priv.MarshalText()
	}
	if err != nil {
		return "", "", err
	}
	pubText, _ := pub.MarshalText()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	secret, public = filepath.Join(dir, "portal.key"), filepath.Join(dir, "portal.pub")
	for _, p := range []string{secret, public} {
		if _, err := os.Stat(p); err == nil {
			return "", "", fmt.Errorf("%s exists: a key is never overwritten (move it away to make a new one)", p)
		}
	}
	if err := os.WriteFile(secret, append(privText, '\n'), 0o600); err != nil {
		return "", "", err
	}
	return secret, public, os.WriteFile(public, append(pubText, '\n'), 0o644)
}

// LoadKey reads a secret key written by Keygen (or by minisign -G);
// password decrypts an encrypted one.
func LoadKey(path, password string) (*Key, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if minisign.IsEncrypted(b) {
		if password == "" {
			return nil, fmt.Errorf("%s is encrypted: give its password (PORTAL_SIGN_PASSWORD)", path)
		}
		priv, err := minisign.DecryptKey(password, b)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		return &Key{priv}, nil
	}
	var priv minisign.PrivateKey
	if err := priv.UnmarshalText(b); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return &Key{priv}, nil
}

// Public is the text of the key's public half (portal.pub).
func (k *Key) Public() []byte {
	pub := k.priv.Public().(minisign.PublicKey)
	b, _ := pub.MarshalText()
	return append(b, '\n')
}

// ID is the key's minisign ID, as minisign prints it: its fingerprint.
func (k *Key) ID() string { return keyID(k.priv.ID()) }

func keyID(id uint64) string { return strings.ToUpper(strconv.FormatUint(id, 16)) }

// Sign signs a release's SHA256SUMS; the trusted comment names the
// release, and is verified with it.
func (k *Key) Sign(sums []byte, release string) []byte {
	return minisign.SignWithComments(k.priv, sums, "portal release "+release, "signature from portal key "+k.ID())
}

// ErrBadSignature is a signature that does not verify.
var ErrBadSignature = errors.New("the signature does not verify: SHA256SUMS, or the signature, is not what the key signed")

// Verify checks a signature of sums against a public key's text (a
// portal.pub or minisign.pub); it returns the key's ID.
func Verify(publicKey, sums, signature []byte) (string, error) {
	var pub minisign.PublicKey
	if err := pub.UnmarshalText(publicKey); err != nil {
		return "", fmt.Errorf("not a minisign public key: %v", err)
	}
	if !minisign.Verify(pub, sums, signature) {
		return keyID(pub.ID()), ErrBadSignature
	}
	return keyID(pub.ID()), nil
}
