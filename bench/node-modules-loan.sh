#!/usr/bin/env bash
# What lending the checks' copy a node_modules as a tree of hard links costs, against the per-package
# links it replaced, in the same run (build first: mvn -B -DskipTests package).
# Usage: bench/node-modules-loan.sh NODE_MODULES_DIR [ROUNDS]   e.g. a project's node_modules (same filesystem as $TMPDIR)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
jar="$root/worker-manager/target/worker-manager.jar"
[ -f "$jar" ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
modules="${1:?the node_modules directory to lend}"
scratch="$(mktemp -d "${TMPDIR:-/tmp}/loan-bench.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
echo "$(find "$modules" | wc -l) entries, $(du -sh "$modules" | cut -f1)"
java -XX:+UseSerialGC -cp "$jar" "$root/bench/NodeModulesLoanBench.java" "$modules" "$scratch/s" "${2:-7}"
