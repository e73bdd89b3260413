#!/usr/bin/env bash
# GPU parity check: runs the imported face networks (mini-Xception, BlazeFace) on PyTorch on CUDA
# against the same TF.js reference outputs the CPU build is held to (1e-4), and prints the result.
#
# Needs, on a machine with an NVIDIA GPU:
#   - Java 17 and Maven (the project's dependencies in ~/.m2, or network to Maven Central);
#   - libtorch 2.7.1 built for CUDA, because DJL's CUDA natives are not on Maven Central:
#     PYTORCH_LIBRARY_PATH=/path/to/libtorch/lib PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128
#     (the same variables DJL reads; see DJL's PyTorch engine docs).
# Usage: PYTORCH_LIBRARY_PATH=... scripts/gpu-check.sh [gpu:N]
set -euo pipefail
cd "$(dirname "$0")/.."
device="${1:-gpu}"
if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
  echo "gpu-check: no NVIDIA GPU visible (nvidia-smi)" >&2
  exit 2
fi
if [ -z "${PYTORCH_LIBRARY_PATH:-}" ]; then
  echo "gpu-check: set PYTORCH_LIBRARY_PATH to a CUDA build of libtorch 2.7.1 (see the header of this script)" >&2
  exit 2
fi
nvidia-smi -L
mvn -B -pl modality-image -am test -Dtest=TfjsParityTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Demospectrum.parity.device="$device"
