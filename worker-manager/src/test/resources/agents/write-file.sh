#!/bin/sh
# Writes $2 into the file $1 (relative to the workspace root) and reports its environment.
printf '%s\n' "$2" > "$HARNESS_WORKSPACE/$1"
echo "task=$HARNESS_TASK_ID worker=$HARNESS_WORKER_ID attempt=$HARNESS_ATTEMPT scope=$HARNESS_SCOPE_PATH cwd=$(pwd)"
echo "objective=$HARNESS_OBJECTIVE"
