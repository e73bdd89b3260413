#!/usr/bin/env bash
# Runs the fusion module's commands with every modality on the class path (the reactor's classes,
# no mvn install). Run from anywhere; paths are relative to the repository root.
#   scripts/fusion.sh evaluate  [--data DIR] [--actors 19,20] [--per-clip N] [--seed N] [--train-out FILE]
#   scripts/fusion.sh benchmark CLIP [--subtitles FILE] [--face-fps N] [--strategy NAME]
# JAVA_OPTS adds JVM options; EMOSPECTRUM_SHARED_DATA points at the shared data (default ../shared/data).
set -euo pipefail
cd "$(dirname "$0")/.."
cmd="${1:?usage: $0 evaluate|benchmark [--key value ...]}"; shift
case "$cmd" in
  evaluate) main=io.emospectrum.fusion.eval.PairedEvaluation ;;
  benchmark) main=io.emospectrum.fusion.eval.ClipBenchmark ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac

cpfile=samples/target/classpath.txt
mvn -B -o -q -pl samples -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime >&2
classes=""
for m in sdk-core modality-text modality-image modality-audio fusion; do
  [ -d "$m/target/classes" ] && classes="$classes$m/target/classes:"
done
exec java ${JAVA_OPTS:-} -Djava.awt.headless=true -Dai.djl.offline=true \
  -Demospectrum.shared.data="${EMOSPECTRUM_SHARED_DATA:-../shared/data}" \
  -cp "$classes$(cat "$cpfile")" "$main" "$@"
