#!/bin/sh
# Fake agent: fails like a rate-limited API on its first call for a task, then succeeds.
# Usage (agent template): flaky.sh STATE_DIR     — STATE_DIR keeps a call counter per task.
[ "$1" = "--version" ] && { echo "flaky 1.0"; exit 0; }
state="$1"; mkdir -p "$state"
counter="$state/$HARNESS_TASK_ID.calls"
n=$(cat "$counter" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$counter"
if [ "$n" -eq 1 ]; then
  echo "request failed: HTTP 429 Too Many Requests (rate limit exceeded)" >&2
  exit 1
fi
echo "attempt $HARNESS_ATTEMPT of $HARNESS_TASK_ID succeeded"
echo ok > "$HARNESS_WORKSPACE/$HARNESS_TASK_ID.done"
