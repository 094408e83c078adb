#!/usr/bin/env bash
# Throughput of the secret-masking stream every captured output goes through, against a plain copy
# in the same run (build first: mvn -B -DskipTests package). Usage: bench/redactor-throughput.sh [MB]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
jar="$root/bootstrap-service/target/bootstrap-service.jar" # shaded: protocol and its libraries
[ -f "$jar" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
exec java -XX:+UseSerialGC -cp "$jar" "$root/bench/RedactorBench.java" "${1:-64}"
