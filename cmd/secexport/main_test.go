package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"testing"
)

// The durability tests run `secexport serve` as a real process they can
// kill -9: the test binary re-executes itself with these variables set, and
// TestMain then runs the command instead of the tests.
const (
	envChildServe = "SECEXPORT_TEST_SERVE" // "1": run the command in SECEXPORT_TEST_ARGS
	envChildArgs  = "SECEXPORT_TEST_ARGS"  // the command's arguments, as a JSON array
)

func TestMain(m *testing.M) {
	if os.Getenv(envChildServe) == "1" {
		os.Exit(runChild())
	}
	os.Exit(m.Run())
}

// runChild runs the command given by the parent test process. The parent holds
// the write end of the child's stdin; when the parent dies, however it dies,
// stdin reaches EOF and the child exits rather than linger holding the port.
func runChild() int {
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv(envChildArgs)), &args); err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", envChildArgs, err)
		return 2
	}
	go func() {
		io.Copy(io.Discard, os.Stdin)
		fmt.Fprintln(os.Stderr, "secexport test child: parent gone, exiting")
		os.Exit(3)
	}()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, args, nil, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "secexport:", err)
		return 1
	}
	return 0
}
