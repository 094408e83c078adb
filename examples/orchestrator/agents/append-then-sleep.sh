#!/bin/sh
# Fake agent: appends one line naming its task to FILE (in the workspace), then works for SECONDS.
# Not idempotent on purpose: running it twice leaves two lines.
# Usage: append-then-sleep.sh FILE SECONDS
[ "$1" = "--version" ] && { echo "append-then-sleep 1.0"; exit 0; }
echo "$HARNESS_TASK_ID" >> "$HARNESS_WORKSPACE/$1"
sleep "$2"
