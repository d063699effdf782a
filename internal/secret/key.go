package secret

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// EnvKey is the environment variable that supplies the key: the standard
// base64 of KeySize random bytes (openssl rand -base64 32). It takes
// precedence over the key file.
const EnvKey = "SECEXPORT_SECRET_KEY"

// KeyFile is the name of the key file in the data directory.
const KeyFile = "secret.key"

// LoadKey returns the key: from EnvKey when it is set, else from dir's key
// file, which it creates (mode 0600, a fresh random key) when absent. A key
// file that group or others may read is refused. source says where the key
// came from, for a log line; errors never hold key material.
func LoadKey(dir string) (key []byte, source string, err error) {
	if v, ok := os.LookupEnv(EnvKey); ok && v != "" {
		key, err := decodeKey([]byte(v))
		if err != nil {
			return nil, "", fmt.Errorf("%s: %w", EnvKey, err)
		}
		return key, "environment " + EnvKey, nil
	}
	path := filepath.Join(dir, KeyFile)
	key, err = readKeyFile(path)
	if err == nil {
		return key, "key file " + path, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, "", err
	}
	key, err = createKeyFile(dir, path)
	if err != nil {
		return nil, "", err
	}
	return key, "key file " + path + " (created)", nil
}

func readKeyFile(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("secret key file %s is not a regular file", path)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
		return nil, fmt.Errorf("secret key file %s has mode %04o: group or others may read it; make it private with chmod 600 %s (and consider the key exposed)", path, perm, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("secret key file: %w", err)
	}
	key, err := decodeKey(b)
	if err != nil {
		return nil, fmt.Errorf("secret key file %s: %w", path, err)
	}
	return key, nil
}

// createKeyFile writes a new key to a temporary file and links it into place,
// so that the key file, once there, is whole, and two processes starting at
// once agree on one key.
func createKeyFile(dir, path string) ([]byte, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	key := make([]byte, KeySize)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("secret key: reading random bytes: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".secret.key-*")
	if err != nil {
		return nil, fmt.Errorf("create secret key file: %w", err)
	}
	defer os.Remove(tmp.Name())
	// CreateTemp makes the file 0600 already; say so rather than rely on it.
	err = tmp.Chmod(0o600)
	if err == nil {
		_, err = tmp.WriteString(base64.StdEncoding.EncodeToString(key) + "\n")
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("write secret key file: %w", err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return readKeyFile(path) // another process made it first
		}
		return nil, fmt.Errorf("create secret key file: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return key, nil
}

// decodeKey decodes base64 text (padded or not) of exactly KeySize bytes.
func decodeKey(text []byte) ([]byte, error) {
	text = bytes.TrimSpace(text)
	key := make([]byte, len(text))
	n, err := base64.StdEncoding.Decode(key, text)
	if err != nil {
		n, err = base64.RawStdEncoding.Decode(key, text)
	}
	if err != nil || n != KeySize {
		return nil, fmt.Errorf("the key is not the base64 of %d bytes (make one with: openssl rand -base64 32)", KeySize)
	}
	return key[:n], nil
}
