#!/bin/sh
# Fake agent: is denied a permission (exit 126) on its first call for a task, succeeds afterwards.
# Usage: permission-once.sh STATE_DIR
[ "$1" = "--version" ] && { echo "permission-once 1.0"; exit 0; }
state="$1"; mkdir -p "$state"
counter="$state/$HARNESS_TASK_ID.calls"
n=$(cat "$counter" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$counter"
if [ "$n" -eq 1 ]; then
  echo "sh: 1: ./deploy.sh: Permission denied" >&2
  exit 126
fi
echo granted > "$HARNESS_WORKSPACE/$HARNESS_TASK_ID.done"
