package engine_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/secexport/secexport/internal/automation"
	"github.com/secexport/secexport/internal/engine"
	"github.com/secexport/secexport/internal/secret"
)

// The secrets of every action type, distinctive enough to search for.
const (
	secretSig  = "logic-app-sig-0a1b2c3d"
	secretKey  = "ZXZlbnQtaHViLWtleS0wYTFi"
	secretPass = "kafka-pass-0a1b2c3d"
)

func secretActions() []automation.Action {
	return []automation.Action{
		{ActionType: automation.ActionLogicApp, URI: "https://prod-1.westeurope.logic.azure.com/workflows/w/triggers/manual/paths/invoke?sig=" + secretSig},
		eventHubAction("Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=" + secretKey + ";EntityPath=hub"),
		kafkaAction([]string{"127.0.0.1:1"}, "security", "SCRAM-SHA-512", "exporter", secretPass),
	}
}

func containsSecret(b []byte) string {
	for _, s := range []string{secretSig, secretKey, secretPass} {
		if bytes.Contains(b, []byte(s)) {
			return s
		}
	}
	return ""
}

func TestSecretsEncryptedAtRest(t *testing.T) {
	t.Setenv(secret.EnvKey, "")
	e := &env{t: t, dir: t.TempDir(), log: &syncBuffer{}}
	eng, err := e.open(nil) // the key file, created now
	if err != nil {
		t.Fatal(err)
	}
	e.eng = eng
	e.put("secrets", secretActions()...)
	key := automationKey("secrets")

	stored, err := eng.Store.Automation(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	if s := containsSecret(stored.Body); s != "" {
		t.Errorf("the stored body holds %q:\n%s", s, stored.Body)
	}
	if n := strings.Count(string(stored.Body), secret.Prefix); n != 3 {
		t.Errorf("the stored body has %d sealed values, want 3:\n%s", n, stored.Body)
	}
	checkDecrypted(t, mustAutomation(t, eng, key), nil)
	list, err := eng.Automations(context.Background(), strings.ToLower(testSub), strings.ToLower(testRG), "", 10)
	if err != nil || len(list) != 1 || list[0].Key != key {
		t.Fatalf("Automations = %+v, %v", list, err)
	}
	checkDecrypted(t, list[0].Automation, nil)
	eng.Close()

	// Nothing on disk holds a secret: the database, its WAL, the key file.
	files, _ := filepath.Glob(filepath.Join(e.dir, "*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if s := containsSecret(b); s != "" {
			t.Errorf("%s holds %q", filepath.Base(f), s)
		}
	}
	if s := containsSecret([]byte(e.log.String())); s != "" {
		t.Errorf("the log holds %q", s)
	}
	fi, err := os.Stat(filepath.Join(e.dir, secret.KeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, mode %v", err, fi.Mode())
	}

	// A restart with the same key reads the secrets back.
	eng, err = e.open(nil)
	if err != nil {
		t.Fatalf("reopen with the same key: %v", err)
	}
	checkDecrypted(t, mustAutomation(t, eng, key), nil)
	eng.Close()

	// Another key: a clear error, not garbage, and no secret in it.
	other := bytes.Repeat([]byte{0x17}, 32)
	_, err = e.open(other)
	if !errors.Is(err, secret.ErrWrongKey) || !strings.Contains(err.Error(), "SECEXPORT_SECRET_KEY") || !strings.Contains(err.Error(), key) {
		t.Fatalf("open with another key: %v, want secret.ErrWrongKey naming the automation and the key's sources", err)
	}
	if s := containsSecret([]byte(err.Error())); s != "" {
		t.Errorf("the error holds %q", s)
	}
	t.Log(err)

	// A key file others may read is refused.
	os.Chmod(filepath.Join(e.dir, secret.KeyFile), 0o644)
	if _, err := e.open(nil); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("open with a world-readable key file: %v", err)
	}
}

func mustAutomation(t *testing.T, eng *engine.Engine, key string) automation.Automation {
	t.Helper()
	a, err := eng.Automation(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func checkDecrypted(t *testing.T, a automation.Automation, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	acts := a.Properties.Actions
	if len(acts) != 3 || !strings.HasSuffix(acts[0].URI, secretSig) || !strings.Contains(acts[1].ConnectionString, secretKey) || acts[2].Password != secretPass {
		t.Fatalf("decrypted actions %+v", acts)
	}
	if acts[1].SASPolicyName != "send" {
		t.Errorf("sasPolicyName %q, want send", acts[1].SASPolicyName)
	}
}

// The key may come from the environment instead of the key file.
func TestSecretKeyFromEnvironment(t *testing.T) {
	t.Setenv(secret.EnvKey, "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=") // 32 × 'B'
	e := &env{t: t, dir: t.TempDir(), log: &syncBuffer{}}
	eng, err := e.open(nil)
	if err != nil {
		t.Fatal(err)
	}
	e.eng = eng
	e.put("secrets", secretActions()...)
	eng.Close()
	if _, err := os.Stat(filepath.Join(e.dir, secret.KeyFile)); !os.IsNotExist(err) {
		t.Errorf("a key file exists although the environment gave the key: %v", err)
	}
	// The environment's key is the one that opens the values: the same bytes
	// given directly do too.
	eng, err = e.open(bytes.Repeat([]byte{'B'}, 32))
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	checkDecrypted(t, mustAutomation(t, eng, automationKey("secrets")), nil)
}
