#!/usr/bin/env bash
# Runs a main class of modality-text (train, evaluate, benchmark) on the reactor's classes, offline.
# Usage: scripts/text-run.sh <main class> [args...]
#   JAVA_OPTS: extra JVM options (default -Xmx4g)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
main="$1"; shift
mvn -B -o -q -pl modality-text -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/text-classpath.txt >&2
cp="modality-text/target/test-classes:modality-text/target/classes:sdk-core/target/classes:$(cat modality-text/target/text-classpath.txt)"
exec java ${JAVA_OPTS:--Xmx4g} -Dai.djl.offline=true -Demospectrum.shared.data="$root/../shared/data" -cp "$cp" "$main" "$@"
