#!/usr/bin/env bash
# Runs the audio modality's commands on the reactor's classes (no mvn install).
#   scripts/audio-model.sh train     [--data DIR] [--out DIR] [--epochs N] [--seed N]
#   scripts/audio-model.sh evaluate  [--data DIR] [--model DIR] [--actors 19-20]
#   scripts/audio-model.sh benchmark [--seconds N] [--streams N] [--model DIR]
# Run from the repository root. JAVA_OPTS adds JVM options.
set -euo pipefail
cd "$(dirname "$0")/.."
cmd="${1:?usage: $0 train|evaluate|benchmark [--key value ...]}"; shift
case "$cmd" in
  train) main=io.emospectrum.audio.train.TrainVoiceModel ;;
  evaluate) main=io.emospectrum.audio.train.EvaluateVoiceModel ;;
  benchmark) main=io.emospectrum.audio.bench.VoiceBenchmark ;;
  *) echo "unknown command $cmd" >&2; exit 2 ;;
esac

cpfile=modality-audio/target/classpath.txt
mvn -B -o -q -pl modality-audio -am test-compile dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java ${JAVA_OPTS:-} -Dai.djl.offline=true -Demospectrum.shared.data="${EMOSPECTRUM_SHARED_DATA:-../shared/data}" \
  -cp "modality-audio/target/classes:sdk-core/target/classes:$(cat "$cpfile")" "$main" "$@"
