package eventhub

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ConnectionString is a parsed Event Hubs connection string:
// Endpoint=sb://NS.servicebus.windows.net/;SharedAccessKeyName=K;SharedAccessKey=V[;EntityPath=HUB][;UseDevelopmentEmulator=true]
type ConnectionString struct {
	// Raw is the string exactly as given; Event Hubs' Kafka endpoint takes it as
	// the SASL PLAIN password.
	Raw                    string
	Host                   string // namespace host, without port
	Port                   string // explicit port from the endpoint, or ""
	KeyName                string
	EntityPath             string
	UseDevelopmentEmulator bool
}

// KafkaAddress is the host:port of the namespace's Kafka endpoint: 9093 with TLS
// on Azure, or the endpoint's port (9092 when it names none) for the emulator.
func (c ConnectionString) KafkaAddress() string {
	port := c.Port
	switch {
	case c.UseDevelopmentEmulator && port == "":
		port = "9092"
	case !c.UseDevelopmentEmulator:
		port = "9093"
	}
	return net.JoinHostPort(c.Host, port)
}

// ParseConnectionString parses an Event Hubs connection string. resourceID is the
// action's eventHubResourceId; it supplies the hub name when the string has no
// EntityPath. Errors name the missing or malformed part and never echo the key.
func ParseConnectionString(s, resourceID string) (ConnectionString, error) {
	c := ConnectionString{Raw: s}
	var endpoint, key string
	for i, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			// Never echo the part: a key containing ';' would leak through it.
			return ConnectionString{}, fmt.Errorf("connection string part %d is not of the form Key=Value", i+1)
		}
		switch strings.ToLower(strings.TrimSpace(k)) {
		case "endpoint":
			endpoint = v
		case "sharedaccesskeyname":
			c.KeyName = v
		case "sharedaccesskey":
			key = v
		case "entitypath":
			c.EntityPath = v
		case "usedevelopmentemulator":
			c.UseDevelopmentEmulator = strings.EqualFold(v, "true")
		}
	}
	if endpoint == "" {
		return ConnectionString{}, errors.New("connection string has no Endpoint (expected Endpoint=sb://<namespace>.servicebus.windows.net/)")
	}
	u, err := url.Parse(endpoint)
	if err != nil || u.Host == "" || !strings.EqualFold(u.Scheme, "sb") {
		return ConnectionString{}, fmt.Errorf("connection string Endpoint %q is not an sb://host/ URL", endpoint)
	}
	c.Host, c.Port = u.Hostname(), u.Port()
	if c.KeyName == "" {
		return ConnectionString{}, errors.New("connection string has no SharedAccessKeyName")
	}
	if key == "" {
		return ConnectionString{}, errors.New("connection string has no SharedAccessKey")
	}
	if c.EntityPath == "" {
		c.EntityPath = hubFromResourceID(resourceID)
	}
	if c.EntityPath == "" {
		return ConnectionString{}, errors.New("no event hub named: the connection string has no EntityPath and eventHubResourceId names no .../eventhubs/{hub}")
	}
	return c, nil
}

// hubFromResourceID returns the hub name of …/Microsoft.EventHub/namespaces/NS/eventhubs/HUB[/…].
func hubFromResourceID(id string) string {
	segs := strings.Split(strings.Trim(id, "/"), "/")
	for i := 0; i+1 < len(segs); i++ {
		if strings.EqualFold(segs[i], "eventhubs") {
			return segs[i+1]
		}
	}
	return ""
}
