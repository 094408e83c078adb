#!/bin/sh
# Fake agent: records when it starts and ends (epoch milliseconds) in DIR/<task>.start and .end,
# working SECONDS in between — to see whether tasks really ran at the same time.
# Usage: timed.sh DIR SECONDS
[ "$1" = "--version" ] && { echo "timed 1.0"; exit 0; }
mkdir -p "$1"
date +%s%3N > "$1/$HARNESS_TASK_ID.start"
sleep "$2"
date +%s%3N > "$1/$HARNESS_TASK_ID.end"
