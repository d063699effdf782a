package secret

import (
	"crypto/rand"
	"errors"
	"strings"
	"testing"
)

func newBox(t *testing.T) *Box {
	t.Helper()
	key := make([]byte, KeySize)
	rand.Read(key)
	b, err := New(key)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestSealOpen(t *testing.T) {
	b := newBox(t)
	const plain = "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0;EntityPath=hub"
	s1, err := b.Seal(plain, "connectionString")
	if err != nil {
		t.Fatal(err)
	}
	s2, _ := b.Seal(plain, "connectionString")
	if !IsSealed(s1) || !strings.HasPrefix(s1, "enc:v1:") {
		t.Fatalf("sealed value %q lacks the prefix", s1)
	}
	if s1 == s2 {
		t.Error("two seals of one value are equal: the nonce is not fresh")
	}
	if strings.Contains(s1, "c2VjcmV0") || strings.Contains(s1, "servicebus") {
		t.Errorf("sealed value %q shows the plain text", s1)
	}
	got, err := b.Open(s1, "connectionString")
	if err != nil || got != plain {
		t.Fatalf("Open = %q, %v", got, err)
	}
}

func TestOpenRefusals(t *testing.T) {
	b := newBox(t)
	sealed, _ := b.Seal("hunter2-password", "password")
	raw := []byte(sealed)
	flipped := append([]byte{}, raw...)
	flipped[len(flipped)-3] ^= 'A' ^ 'B'
	for _, tc := range []struct {
		name, value, context string
		box                  *Box
		wantErr              error
	}{
		{"another key", sealed, "password", newBox(t), ErrWrongKey},
		{"another context", sealed, "uri", b, ErrWrongKey},
		{"altered", string(flipped), "password", b, nil},
		{"not base64", "enc:v1:@@@", "password", b, ErrMalformed},
		{"too short", "enc:v1:AAAA", "password", b, ErrMalformed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.box.Open(tc.value, tc.context)
			if err == nil {
				t.Fatalf("Open succeeded: %q", got)
			}
			if tc.wantErr != nil && !errors.Is(err, tc.wantErr) {
				t.Errorf("Open error %v, want %v", err, tc.wantErr)
			}
			if got != "" || strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), tc.value) {
				t.Errorf("Open leaked: %q, %v", got, err)
			}
		})
	}
}

func TestOpenPassesPlainValuesThrough(t *testing.T) {
	b := newBox(t)
	for _, v := range []string{"", "https://logic.example/trigger?sig=x", "pw"} {
		if got, err := b.Open(v, "uri"); err != nil || got != v {
			t.Errorf("Open(%q) = %q, %v", v, got, err)
		}
	}
	if s, err := b.Seal("", "uri"); s != "" || err != nil {
		t.Errorf(`Seal("") = %q, %v`, s, err)
	}
}

func TestNewKeySize(t *testing.T) {
	if _, err := New(make([]byte, 16)); err == nil {
		t.Fatal("New accepted a 16-byte key")
	}
}
