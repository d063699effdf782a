package secret

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadKeyCreatesPrivateKeyFile(t *testing.T) {
	t.Setenv(EnvKey, "")
	dir := filepath.Join(t.TempDir(), "data")
	key, src, err := LoadKey(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(key) != KeySize || !strings.Contains(src, "(created)") {
		t.Fatalf("key of %d bytes from %q", len(key), src)
	}
	path := filepath.Join(dir, KeyFile)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("key file mode %04o, want 0600", perm)
	}
	again, src2, err := LoadKey(dir)
	if err != nil || !bytes.Equal(again, key) || strings.Contains(src2, "created") {
		t.Fatalf("second load: %x from %q, %v; want the same key from the file", again, src2, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("data directory holds %d entries, want only the key file", len(entries))
	}
}

func TestLoadKeyRefusesReadableKeyFile(t *testing.T) {
	t.Setenv(EnvKey, "")
	dir := t.TempDir()
	if _, _, err := LoadKey(dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, KeyFile)
	for _, mode := range []os.FileMode{0o640, 0o604, 0o644} {
		os.Chmod(path, mode)
		_, _, err := LoadKey(dir)
		if err == nil || !strings.Contains(err.Error(), "chmod 600") || !strings.Contains(err.Error(), path) {
			t.Errorf("mode %04o: %v, want a refusal naming the file and the fix", mode, err)
		}
	}
}

func TestLoadKeyFromEnvironment(t *testing.T) {
	want := bytes.Repeat([]byte{7}, KeySize)
	dir := t.TempDir()
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding} {
		t.Setenv(EnvKey, enc.EncodeToString(want)+"\n")
		key, src, err := LoadKey(dir)
		if err != nil || !bytes.Equal(key, want) || src != "environment SECEXPORT_SECRET_KEY" {
			t.Fatalf("LoadKey = %x, %q, %v", key, src, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, KeyFile)); !os.IsNotExist(err) {
		t.Errorf("a key file was created although the environment gave the key: %v", err)
	}
}

func TestLoadKeyBadKeys(t *testing.T) {
	short := base64.StdEncoding.EncodeToString([]byte("sixteen byte key"))
	t.Run("environment", func(t *testing.T) {
		for _, v := range []string{short, "not base64 !!", strings.Repeat("A", 60)} {
			t.Setenv(EnvKey, v)
			_, _, err := LoadKey(t.TempDir())
			if err == nil || !strings.Contains(err.Error(), "SECEXPORT_SECRET_KEY") || strings.Contains(err.Error(), v) {
				t.Errorf("%q: %v", v, err)
			}
		}
	})
	t.Run("file", func(t *testing.T) {
		t.Setenv(EnvKey, "")
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, KeyFile), []byte(short), 0o600)
		_, _, err := LoadKey(dir)
		if err == nil || !strings.Contains(err.Error(), "base64 of 32 bytes") || strings.Contains(err.Error(), short) {
			t.Errorf("short key file: %v", err)
		}
	})
}
