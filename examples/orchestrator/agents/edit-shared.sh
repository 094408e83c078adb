#!/bin/sh
# Fake agent that makes a real change to the same line as its sibling tasks: writes "value=<task id>"
# into FILE (a merge conflict when two tasks do it). Sent back with the harness's merge-conflict
# feedback, it resolves the conflict by keeping the integrated value and adding its own — or, with
# --give-up, says it cannot and fails (the conflict then escalates).
# A task whose id starts with "check" only looks (it verifies the others' work, changing nothing).
# Usage: edit-shared.sh FILE [--give-up]
[ "$1" = "--version" ] && { echo "edit-shared 1.0"; exit 0; }
case "$HARNESS_TASK_ID" in check*) echo "checking only: $(cat "$HARNESS_WORKSPACE/$1")"; exit 0 ;; esac
file="$HARNESS_WORKSPACE/$1"
if grep -q "conflicts with the work of the other tasks" "$HARNESS_PROMPT_FILE"; then
  if [ "$2" = "--give-up" ]; then
    echo "cannot resolve the conflict in $1" >&2
    exit 1
  fi
  echo "$(cat "$file") and $HARNESS_TASK_ID" > "$file"
  echo "resolved: kept the integrated value and added $HARNESS_TASK_ID"
else
  echo "value=$HARNESS_TASK_ID" > "$file"
fi
