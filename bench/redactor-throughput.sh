#!/usr/bin/env bash
# Throughput of the secret-masking stream every captured output goes through, against a plain copy
# in the same run, MB per CPU second (build first: mvn -B -DskipTests package). Usage: bench/redactor-throughput.sh [MB]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
jar="$root/bootstrap-service/target/bootstrap-service.jar" # shaded: protocol and its libraries
[ -f "$jar" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
# side by side: both compilers (the default) and the quick compiler alone, as bin/harness-launch
# runs the worker manager (-XX:TieredStopAtLevel=1), which masks every check's and agent's output
for jit in "both compilers (C1 + C2)" "C1 only (the worker manager's)"; do
  echo "== $jit"
  flags=(-XX:+UseSerialGC); case "$jit" in C1*) flags+=(-XX:TieredStopAtLevel=1) ;; esac
  java "${flags[@]}" -cp "$jar" "$root/bench/RedactorBench.java" "${1:-64}"
done
