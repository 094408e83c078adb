#!/bin/sh
# Fake agent: the task named TASK_ID works for SECONDS (e.g. longer than --timeout); others finish at once.
# Usage: slow-task.sh TASK_ID SECONDS
[ "$1" = "--version" ] && { echo "slow-task 1.0"; exit 0; }
if [ "$HARNESS_TASK_ID" = "$1" ]; then
  sleep "$2"
fi
echo "$HARNESS_TASK_ID done"
