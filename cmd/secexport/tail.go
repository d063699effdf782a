package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/secexport/secexport/internal/destination/eventhub"
	"github.com/secexport/secexport/internal/destination/kafka"
)

// Environment variables that can hold tail's secrets, so that they stay off
// the command line (and out of ps).
const (
	envTailConnectionString = "SECEXPORT_TAIL_CONNECTION_STRING"
	envTailPassword         = "SECEXPORT_TAIL_PASSWORD"
)

type tailConfig struct {
	connectionString string
	brokers, topic   string
	mechanism, user  string
	password         string
	tls              bool
	caFile           string
	fromBeginning    bool
	max              int
	pretty, envelope bool
}

// runTail prints the events exported to an event hub or a Kafka topic as they
// arrive, one JSON document a line, until ctx ends or --max are printed.
func runTail(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tail", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `usage: secexport tail --connection-string CS [flags]
       secexport tail --brokers HOST:PORT[,…] --topic T [flags]

Prints the events exported to an event hub or a Kafka topic as they arrive,
one JSON document a line. A connection string or password given as "-" is read
from stdin; without the flag, from `+envTailConnectionString+` or `+envTailPassword+`.

`)
		fs.PrintDefaults()
	}
	var c tailConfig
	fs.StringVar(&c.connectionString, "connection-string", "", "Event Hubs connection string (Endpoint=sb://…;SharedAccessKeyName=…;SharedAccessKey=…;EntityPath=…); \"-\" reads it from stdin")
	fs.StringVar(&c.brokers, "brokers", "", "Kafka bootstrap servers, host:port,host:port")
	fs.StringVar(&c.topic, "topic", "", "Kafka topic; with --connection-string, the event hub when the string has no EntityPath")
	fs.StringVar(&c.mechanism, "sasl-mechanism", "", "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512")
	fs.StringVar(&c.user, "username", "", "SASL user name")
	fs.StringVar(&c.password, "password", "", "SASL password; \"-\" reads it from stdin")
	fs.BoolVar(&c.tls, "tls", false, "connect with TLS")
	fs.StringVar(&c.caFile, "ca-file", "", "PEM file of the CA to trust instead of the system's (implies --tls)")
	fs.BoolVar(&c.fromBeginning, "from-beginning", false, "print what the topic holds already, then what arrives")
	fs.IntVar(&c.max, "max", 0, "stop after this many events (0: run until interrupted)")
	fs.BoolVar(&c.pretty, "pretty", false, "indent the JSON")
	fs.BoolVar(&c.envelope, "envelope", false, "wrap each event with its key, headers, partition, offset and timestamp")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("tail: unexpected argument %q", fs.Arg(0))
	}
	cfg, what, err := c.kafkaConfig(stdin)
	if err != nil {
		return fmt.Errorf("tail: %w", err)
	}
	cons, err := kafka.NewConsumer(cfg, c.fromBeginning, nil)
	if err != nil {
		return fmt.Errorf("tail: %w", err)
	}
	defer cons.Close()
	from := "new events"
	if c.fromBeginning {
		from = "from the beginning"
	}
	fmt.Fprintf(stderr, "tailing %s (%s); Ctrl-C stops\n", what, from)

	out := bufio.NewWriter(stdout)
	defer out.Flush()
	printed := 0
	for c.max == 0 || printed < c.max {
		recs, err := cons.Poll(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			return fmt.Errorf("tail: %w", err)
		}
		for _, r := range recs {
			if err := c.print(out, r); err != nil {
				return err
			}
			if printed++; c.max > 0 && printed == c.max {
				break
			}
		}
		if err := out.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// kafkaConfig is how to reach what c names, and a description of it that
// holds no secret.
func (c tailConfig) kafkaConfig(stdin io.Reader) (kafka.Config, string, error) {
	in := bufio.NewReader(stdin)
	switch {
	case c.brokers != "" && c.connectionString != "":
		return kafka.Config{}, "", errors.New("give --connection-string or --brokers, not both")
	case c.brokers == "":
		raw, err := secretValue(c.connectionString, envTailConnectionString, in)
		if err != nil {
			return kafka.Config{}, "", fmt.Errorf("--connection-string: %w", err)
		}
		if raw == "" {
			return kafka.Config{}, "", errors.New("give --connection-string (Event Hubs) or --brokers and --topic (Kafka)")
		}
		if c.mechanism != "" || c.user != "" || c.password != "" || c.tls || c.caFile != "" {
			return kafka.Config{}, "", errors.New("--sasl-mechanism, --username, --password, --tls and --ca-file are for --brokers; a connection string says how to connect")
		}
		// eventHubResourceId is where a connection string without an
		// EntityPath takes the hub from; --topic stands in for it.
		hubID := ""
		if c.topic != "" {
			hubID = "eventhubs/" + c.topic
		}
		cs, err := eventhub.ParseConnectionString(raw, hubID)
		if err != nil {
			return kafka.Config{}, "", err
		}
		cfg := eventhub.Config(cs)
		cfg.ClientID = "secexport-tail"
		return cfg, fmt.Sprintf("event hub %q at %s", cs.EntityPath, cs.KafkaAddress()), nil
	}
	if c.topic == "" {
		return kafka.Config{}, "", errors.New("--brokers needs --topic")
	}
	password, err := secretValue(c.password, envTailPassword, in)
	if err != nil {
		return kafka.Config{}, "", fmt.Errorf("--password: %w", err)
	}
	cfg := kafka.Config{Topic: c.topic, TLS: c.tls, SASLMechanism: c.mechanism, Username: c.user, Password: password, ClientID: "secexport-tail"}
	for b := range strings.SplitSeq(c.brokers, ",") {
		if b = strings.TrimSpace(b); b != "" {
			cfg.Brokers = append(cfg.Brokers, b)
		}
	}
	if c.caFile != "" {
		pem, err := os.ReadFile(c.caFile)
		if err != nil {
			return kafka.Config{}, "", fmt.Errorf("--ca-file: %w", err)
		}
		cfg.TLS, cfg.CACertPEM = true, pem
	}
	return cfg, fmt.Sprintf("Kafka topic %q at %s", c.topic, strings.Join(cfg.Brokers, ",")), nil
}

// secretValue is a flag's value, the next line of stdin for "-", or the
// environment variable env when the flag is empty.
func secretValue(flagValue, env string, stdin *bufio.Reader) (string, error) {
	switch flagValue {
	case "-":
		line, err := stdin.ReadString('\n')
		if err != nil && !(errors.Is(err, io.EOF) && line != "") {
			return "", errors.New("reading it from stdin: nothing there")
		}
		return strings.TrimRight(line, "\r\n"), nil
	case "":
		return os.Getenv(env), nil
	}
	return flagValue, nil
}

// print writes one record as one line of JSON (lines, with --pretty). An
// exported event, one line already, is written byte for byte.
func (c tailConfig) print(w *bufio.Writer, r *kgo.Record) error {
	valid := json.Valid(r.Value)
	if valid && !c.envelope && !c.pretty && !bytes.ContainsAny(r.Value, "\r\n") {
		w.Write(r.Value)
		return w.WriteByte('\n')
	}
	value := json.RawMessage(r.Value)
	if !valid {
		// Not an exported event; show it anyway, as a JSON string.
		value, _ = json.Marshal(string(r.Value))
	}
	var doc any = value
	if c.envelope {
		headers := make(map[string]string, len(r.Headers))
		for _, h := range r.Headers {
			headers[h.Key] = string(h.Value)
		}
		doc = struct {
			Topic     string            `json:"topic"`
			Partition int32             `json:"partition"`
			Offset    int64             `json:"offset"`
			Timestamp time.Time         `json:"timestamp"`
			Key       string            `json:"key"`
			Headers   map[string]string `json:"headers"`
			Value     json.RawMessage   `json:"value"`
		}{r.Topic, r.Partition, r.Offset, r.Timestamp.UTC(), string(r.Key), headers, value}
	}
	enc := json.NewEncoder(w) // compact, one line, whatever the payload's layout
	enc.SetEscapeHTML(false)
	if c.pretty {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(doc)
}
