#!/bin/sh
# Fake template agent that reports its usage the harness way: a small JSON file at the path the
# harness gives in HARNESS_USAGE_FILE (cost_usd, input_tokens, output_tokens, cache_read_tokens,
# cache_creation_tokens, num_turns; any may be left out).
[ "$1" = "--version" ] && { echo "usage-file 1.0"; exit 0; }
echo "made by $HARNESS_TASK_ID" > "$HARNESS_WORKSPACE/$HARNESS_TASK_ID.txt"
printf '{"cost_usd": 0.25, "input_tokens": 1000, "output_tokens": 200, "num_turns": 1}\n' > "$HARNESS_USAGE_FILE"
