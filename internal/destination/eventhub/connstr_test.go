package eventhub

import (
	"strings"
	"testing"
)

func TestParseConnectionString(t *testing.T) {
	const hubID = "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/contoso/eventhubs/from-id"
	for _, tc := range []struct {
		name, cs, resourceID string
		want                 ConnectionString // Raw is checked separately
		addr                 string
	}{
		{
			name: "azure",
			cs:   "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc=;EntityPath=security",
			want: ConnectionString{Host: "contoso.servicebus.windows.net", KeyName: "send", EntityPath: "security"},
			addr: "contoso.servicebus.windows.net:9093",
		},
		{
			name: "azure, port in endpoint ignored",
			cs:   "Endpoint=sb://contoso.servicebus.windows.net:5671/;SharedAccessKeyName=send;SharedAccessKey=k;EntityPath=h",
			want: ConnectionString{Host: "contoso.servicebus.windows.net", Port: "5671", KeyName: "send", EntityPath: "h"},
			addr: "contoso.servicebus.windows.net:9093",
		},
		{
			name: "keys case-insensitive, spaces, trailing semicolon",
			cs:   " endpoint=sb://ns.servicebus.windows.net/ ; sharedaccesskeyname=K; SHAREDACCESSKEY=v; entitypath=hub;",
			want: ConnectionString{Host: "ns.servicebus.windows.net", KeyName: "K", EntityPath: "hub"},
			addr: "ns.servicebus.windows.net:9093",
		},
		{
			name: "emulator without port",
			cs:   "Endpoint=sb://localhost;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=SAS_KEY_VALUE;UseDevelopmentEmulator=true;EntityPath=eh1",
			want: ConnectionString{Host: "localhost", KeyName: "RootManageSharedAccessKey", EntityPath: "eh1", UseDevelopmentEmulator: true},
			addr: "localhost:9092",
		},
		{
			name: "emulator with port",
			cs:   "Endpoint=sb://127.0.0.1:19092/;SharedAccessKeyName=k;SharedAccessKey=v;EntityPath=hub;UseDevelopmentEmulator=true",
			want: ConnectionString{Host: "127.0.0.1", Port: "19092", KeyName: "k", EntityPath: "hub", UseDevelopmentEmulator: true},
			addr: "127.0.0.1:19092",
		},
		{
			name: "emulator flag false is Azure",
			cs:   "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v;EntityPath=hub;UseDevelopmentEmulator=false",
			want: ConnectionString{Host: "ns.servicebus.windows.net", KeyName: "k", EntityPath: "hub"},
			addr: "ns.servicebus.windows.net:9093",
		},
		{
			name:       "entity path from resource id",
			cs:         "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=ns-policy;SharedAccessKey=k",
			resourceID: hubID,
			want:       ConnectionString{Host: "contoso.servicebus.windows.net", KeyName: "ns-policy", EntityPath: "from-id"},
			addr:       "contoso.servicebus.windows.net:9093",
		},
		{
			name:       "entity path in the string wins",
			cs:         "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v;EntityPath=own",
			resourceID: hubID,
			want:       ConnectionString{Host: "contoso.servicebus.windows.net", KeyName: "k", EntityPath: "own"},
			addr:       "contoso.servicebus.windows.net:9093",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ParseConnectionString(tc.cs, tc.resourceID)
			if err != nil {
				t.Fatalf("ParseConnectionString: %v", err)
			}
			if got.Raw != tc.cs {
				t.Errorf("Raw = %q, want the string exactly as given", got.Raw)
			}
			got.Raw = ""
			if got != tc.want {
				t.Errorf("got %+v\nwant %+v", got, tc.want)
			}
			if a := got.KafkaAddress(); a != tc.addr {
				t.Errorf("KafkaAddress() = %q, want %q", a, tc.addr)
			}
		})
	}
}

func TestParseConnectionStringErrors(t *testing.T) {
	const key = "c2VjcmV0LWtleS12YWx1ZQ=="
	for _, tc := range []struct {
		name, cs, resourceID, want string
	}{
		{"empty", "", "",
			"connection string has no Endpoint (expected Endpoint=sb://<namespace>.servicebus.windows.net/)"},
		{"no endpoint", "SharedAccessKeyName=k;SharedAccessKey=" + key + ";EntityPath=h", "",
			"connection string has no Endpoint (expected Endpoint=sb://<namespace>.servicebus.windows.net/)"},
		{"endpoint not sb", "Endpoint=https://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=" + key, "",
			`connection string Endpoint "https://ns.servicebus.windows.net/" is not an sb://host/ URL`},
		{"endpoint without host", "Endpoint=sb:///;SharedAccessKeyName=k;SharedAccessKey=" + key, "",
			`connection string Endpoint "sb:///" is not an sb://host/ URL`},
		{"no key name", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKey=" + key + ";EntityPath=h", "",
			"connection string has no SharedAccessKeyName"},
		{"no key", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;EntityPath=h", "",
			"connection string has no SharedAccessKey"},
		{"empty key", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=;EntityPath=h", "",
			"connection string has no SharedAccessKey"},
		{"no hub anywhere", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=" + key,
			"/subscriptions/s/resourceGroups/rg/providers/Microsoft.EventHub/namespaces/ns",
			"no event hub named: the connection string has no EntityPath and eventHubResourceId names no .../eventhubs/{hub}"},
		{"part without =", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyNameSend;SharedAccessKey=" + key, "",
			"connection string part 2 is not of the form Key=Value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseConnectionString(tc.cs, tc.resourceID)
			if err == nil {
				t.Fatal("ParseConnectionString succeeded")
			}
			if err.Error() != tc.want {
				t.Errorf("error %q\nwant  %q", err, tc.want)
			}
			if strings.Contains(err.Error(), key) {
				t.Errorf("error %q holds the key", err)
			}
		})
	}
}
