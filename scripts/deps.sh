#!/bin/sh
# Installs, idempotently, what building and testing secexport needs on a
# Debian machine: a C compiler for cgo (SQLite, DuckDB), and Node.js with npm
# for the KQL tests' oracle (Microsoft's Kusto.Language, installed from npm by
# the tests themselves). Runs apt-get only when something is missing.
set -eu
missing=""
command -v gcc >/dev/null 2>&1 || missing="$missing gcc libc6-dev"
command -v g++ >/dev/null 2>&1 || missing="$missing g++"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v go >/dev/null 2>&1 || { echo "deps: Go is not installed (need Go 1.26+ on PATH)" >&2; exit 1; }
if [ -n "$missing" ]; then
	echo "deps: installing$missing" >&2
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi
