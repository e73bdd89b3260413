#!/usr/bin/env bash
# Load test of `emospectrum serve` over loopback (docs/server.md, "Load"). Bounded in time and count.
#   scripts/server-load-test.sh calls --calls 100 --minutes 10 --call-seconds 60
#   scripts/server-load-test.sh cycles --cycles 1000
# Starts the server (2 scoring threads, the bundled models), runs the driver (JDK WebSocket client,
# the documented protocol only), prints the figures, then stops the server with SIGTERM.
# Environment: SERVER_JAVA_OPTS (default -Xmx1g), PORT (default 18090).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PORT="${PORT:-18090}"
export EMOSPECTRUM_TOKEN="${EMOSPECTRUM_TOKEN:-load-test-token-$(date +%s)-0123456789}"

# One invocation, so the reactor resolves the sibling modules' jars.
mvn -B -q -o -pl server -am -DskipTests package dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$ROOT/server/target/test-classpath.txt" >/dev/null
[ -f samples/target/emospectrum-cli.jar ] && [ -z "$(find samples/src server/src -newer samples/target/emospectrum-cli.jar -print -quit)" ] \
  || mvn -B -q -o -pl samples -am -DskipTests package >/dev/null

java ${SERVER_JAVA_OPTS:--Xmx1g} -Dai.djl.offline=true -jar samples/target/emospectrum-cli.jar serve \
  --port "$PORT" --max-calls 400 --workers 2 >"$ROOT/server/target/load-server.log" 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:$PORT/ready" >/dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://127.0.0.1:$PORT/ready" >/dev/null || { echo "server did not start:"; cat "$ROOT/server/target/load-server.log"; exit 1; }

java -Xmx1g -cp "$ROOT/server/target/test-classes:$ROOT/server/target/classes:$(cat "$ROOT/server/target/test-classpath.txt")" \
  io.emospectrum.server.bench.CallLoadTest "$@" --url "ws://127.0.0.1:$PORT/v1/calls" --pid "$SERVER"

echo "server-side window latency (from its own histogram, /metrics):"
curl -fs -H "Authorization: Bearer $EMOSPECTRUM_TOKEN" "http://127.0.0.1:$PORT/metrics" \
  | grep -E '^emospectrum_(window_latency_seconds_(count|sum|max)|calls_ended_total|connections_rejected_total)' || true
