# secexport — two commands on a fresh machine: `make run` and `make test`.
GO      ?= go
BIN     := bin/secexport
TOKEN   ?= demo

.PHONY: run test build deps vet bench clean

build:
	$(GO) build -o $(BIN) ./cmd/secexport

# Serve on 127.0.0.1:8080 with the embedded store in ./data and a demo tenant.
run: deps build
	SECEXPORT_BOOTSTRAP_TOKEN=$${SECEXPORT_BOOTSTRAP_TOKEN:-$(TOKEN)} ./$(BIN) serve --data ./data --listen 127.0.0.1:8080 --demo

# Install what the tests need (idempotent), then run them all.
test: deps
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 15m ./...

deps:
	@./scripts/deps.sh

bench: build
	./$(BIN) bench

clean:
	rm -rf bin data
