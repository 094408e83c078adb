#!/bin/sh
# Fake agent: writes <task id>.txt ("made by <task id>") where it works; the task named TASK_ID
# then keeps working for SECONDS (to interrupt a run while one task is still busy).
# Usage: mark-then-wait.sh TASK_ID SECONDS
[ "$1" = "--version" ] && { echo "mark-then-wait 1.0"; exit 0; }
echo "made by $HARNESS_TASK_ID" > "$HARNESS_WORKSPACE/$HARNESS_TASK_ID.txt"
if [ "$HARNESS_TASK_ID" = "$1" ]; then
  sleep "$2"
fi
