#!/usr/bin/env bash
# CPU of validating a decompose's three messages (params, plan_created, result) in this build and in
# another built checkout, by the same bench code (bench/SchemaValidationBench.java), alternating runs.
# Usage: bench/schema-validation.sh BASELINE_DIR [RUNS] [ROUNDS]   (build both first: mvn -B -DskipTests package)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
baseline="$(cd "${1:?usage: bench/schema-validation.sh BASELINE_DIR [RUNS] [ROUNDS]}" && pwd)"
runs="${2:-3}"; rounds="${3:-200000}"
for tree in "$root" "$baseline"; do
  [ -f "$tree/planning-service/target/planning-service.jar" ] || { echo "build $tree first: mvn -B -DskipTests package" >&2; exit 1; }
done
for ((run = 1; run <= runs; run++)); do
  for tree in "$root" "$baseline"; do
    label="this tree"; [ "$tree" = "$root" ] || label="baseline"
    echo "== run $run, $label ($tree)"
    # the service's JIT settings; the same corpus (this tree's) for both
    java -XX:+UseSerialGC -cp "$tree/planning-service/target/planning-service.jar" \
      "$root/bench/SchemaValidationBench.java" "$root" "$rounds"
  done
done
