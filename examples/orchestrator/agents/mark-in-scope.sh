#!/bin/sh
# Fake agent: writes <task id>.txt inside the task's scope path (HARNESS_SCOPE_PATH, relative to the
# workspace) — one real change per task, each in its own directory, so parallel tasks never overlap.
[ "$1" = "--version" ] && { echo "mark-in-scope 1.0"; exit 0; }
mkdir -p "$HARNESS_WORKSPACE/$HARNESS_SCOPE_PATH"
echo "made by $HARNESS_TASK_ID" > "$HARNESS_WORKSPACE/$HARNESS_SCOPE_PATH/$HARNESS_TASK_ID.txt"
