#!/bin/sh
# Fake agent: writes "wip" into feature.txt; when its prompt carries the failed acceptance test's
# complaint ("feature.txt must say done"), it writes "done" instead — a logic error fixed after feedback.
[ "$1" = "--version" ] && { echo "fix-on-feedback 1.0"; exit 0; }
if grep -q "feature.txt must say done" "$HARNESS_PROMPT_FILE"; then
  echo done > "$HARNESS_WORKSPACE/feature.txt"
  echo "fixed after feedback"
else
  echo wip > "$HARNESS_WORKSPACE/feature.txt"
  echo "first try"
fi
