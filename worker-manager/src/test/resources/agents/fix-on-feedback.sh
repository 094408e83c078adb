#!/bin/sh
# Writes "wip" into feature.txt, unless the prompt carries the failing test's complaint: then "done".
if grep -q "feature.txt must say done" "$HARNESS_PROMPT_FILE"; then
  echo done > "$HARNESS_WORKSPACE/feature.txt"
  echo "fixed after feedback"
else
  echo wip > "$HARNESS_WORKSPACE/feature.txt"
  echo "first try"
fi
