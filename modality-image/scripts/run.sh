#!/usr/bin/env bash
# Runs a main class of modality-image with its full class path, from the repository root:
#   modality-image/scripts/run.sh io.emospectrum.image.eval.EvaluateCommand [args...]
# Builds (offline, reactor, no install) the first time or when sources changed. JAVA_OPTS passes
# JVM options (e.g. JAVA_OPTS="-Xmx512m").
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
cp_file=modality-image/target/runtime-classpath.txt
mvn -B -o -q -pl modality-image -am -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/runtime-classpath.txt -Dmdep.includeScope=runtime >/dev/null
main="$1"; shift
exec java ${JAVA_OPTS:-} -Demospectrum.shared.data="$root/../shared/data" -Dai.djl.offline=true \
    -cp "modality-image/target/classes:sdk-core/target/classes:$(cat "$cp_file")" "$main" "$@"
