package automation

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name     string
		body     string
		wantPath string
		wantMsg  string
	}{
		{"empty", "  \n", "", "the request body is empty"},
		{"not an object", `[1, 2]`, "", "must be a JSON object, got an array"},
		{"truncated", `{"location": "westeurope"`, "", "malformed JSON at line 1, column 25 (byte offset 25): unexpected end of JSON input"},
		{"bad literal on line 3", "{\n  \"properties\": {\n    \"isEnabled\": tru }\n}", "",
			"malformed JSON at line 3, column 21 (byte offset 41): invalid character ' ' in literal true"},
		{"trailing garbage", `{} x`, "", "line 1, column 4 (byte offset 4): invalid character 'x' after top-level value"},
		{"isEnabled string", `{"properties": {"isEnabled": "yes"}}`, "properties.isEnabled", "expected a boolean, got a string"},
		{"isEnabled object", `{"properties": {"isEnabled": {"v": true}}}`, "properties.isEnabled", "expected a boolean, got an object"},
		{"location number", `{"location": 5}`, "location", "expected a string, got a number"},
		{"scopes object", `{"properties": {"scopes": {"scopePath": "/subscriptions/x"}}}`, "properties.scopes", "expected an array, got an object"},
		{"tags array", `{"tags": ["a"]}`, "tags", "expected an object of strings, got an array"},
		{"tag value number", `{"tags": {"env": 1}}`, "tags.env", "expected a string, got a number"},
		{"rule deep in arrays", `{"properties": {"sources": [{"eventSource": "Alerts"}, {"eventSource": "Assessments",
			"ruleSets": [{"rules": []}, {"rules": [{"operator": "Equals"}, {"operator": 1}]}]}]}}`,
			"properties.sources[1].ruleSets[1].rules[1].operator", "expected a string, got a number"},
		{"action bool in array", `{"properties": {"actions": [{"actionType": "EventHub", "isTrustedServiceEnabled": "true"}]}}`,
			"properties.actions[0].isTrustedServiceEnabled", "expected a boolean, got a string"},
		{"after an unknown object", `{"extra": {"a": [1, {"b": 2}]}, "properties": {"actions": [true]}}`,
			"properties.actions[0]", "expected an object, got a boolean"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Decode([]byte(tt.body))
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("Decode = %v, want a *ValidationError", err)
			}
			if ve.Path != tt.wantPath || !strings.Contains(ve.Message, tt.wantMsg) {
				t.Errorf("Decode = (%q, %q), want (%q, …%q…)", ve.Path, ve.Message, tt.wantPath, tt.wantMsg)
			}
		})
	}
}

func TestDecodeSyntaxErrorUnwraps(t *testing.T) {
	_, err := Decode([]byte(`{`))
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		t.Errorf("Decode(`{`) = %v, want it to wrap a *json.SyntaxError", err)
	}
}

func TestDecodeIgnoresUnknownFields(t *testing.T) {
	a, err := Decode([]byte(`{"location": "westeurope", "systemData": {"createdBy": "x"},
		"properties": {"provisioningState": "Succeeded", "actions": [{"actionType": "LogicApp", "future": 1}]}}`))
	if err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if a.Location != "westeurope" || len(a.Properties.Actions) != 1 {
		t.Errorf("Decode = %+v", a)
	}
}

func TestEncode(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"kind absent", `{"properties": {}}`, `{"properties":{"scopes":null,"sources":null,"actions":null}}`},
		{"kind set", `{"kind": "k", "properties": {}}`, `{"kind":"k","properties":{"scopes":null,"sources":null,"actions":null}}`},
		{"empty tags echoed", `{"tags": {}, "properties": {}}`, `{"tags":{},"properties":{"scopes":null,"sources":null,"actions":null}}`},
		{"ruleSets null as []", `{"properties": {"sources": [{"eventSource": "Alerts", "ruleSets": null}]}}`,
			`{"properties":{"scopes":null,"sources":[{"eventSource":"Alerts","ruleSets":[]}],"actions":null}}`},
		{"ruleSets absent as []", `{"properties": {"sources": [{"eventSource": "Alerts"}]}}`,
			`{"properties":{"scopes":null,"sources":[{"eventSource":"Alerts","ruleSets":[]}],"actions":null}}`},
		{"action fields of one type only", `{"properties": {"actions": [{"actionType": "Workspace", "workspaceResourceId": "w"}]}}`,
			`{"properties":{"scopes":null,"sources":null,"actions":[{"actionType":"Workspace","workspaceResourceId":"w"}]}}`},
		{"kafka fields", `{"properties": {"actions": [{"actionType": "Kafka", "bootstrapServers": "k:1", "topic": "t",
			"saslMechanism": "PLAIN", "username": "u", "password": "p", "tls": false, "caCertificate": "c", "compression": "lz4"}]}}`,
			`{"properties":{"scopes":null,"sources":null,"actions":[{"actionType":"Kafka","bootstrapServers":"k:1","topic":"t",` +
				`"saslMechanism":"PLAIN","username":"u","password":"p","tls":false,"caCertificate":"c","compression":"lz4"}]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := Decode([]byte(tt.in))
			if err != nil {
				t.Fatalf("Decode: %v", err)
			}
			got, err := json.Marshal(a)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("Marshal =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}
