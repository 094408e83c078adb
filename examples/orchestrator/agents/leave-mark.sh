#!/bin/sh
# Fake agent: writes <task id>.txt in the directory it works in (the task's worktree when its
# commit policy asks for a commit) — to see which tasks' work a later task can see.
[ "$1" = "--version" ] && { echo "leave-mark 1.0"; exit 0; }
echo "made by $HARNESS_TASK_ID" > "$HARNESS_WORKSPACE/$HARNESS_TASK_ID.txt"
