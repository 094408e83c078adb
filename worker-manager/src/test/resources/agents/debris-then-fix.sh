#!/bin/sh
# First try: writes "wip" into feature.txt and leaves half-edited debris behind. With the failed
# test's complaint in its prompt: writes "done" — and expects to start from clean files.
if grep -q "feature.txt must say done" "$HARNESS_PROMPT_FILE"; then
  if [ -e "$HARNESS_WORKSPACE/debris.txt" ]; then
    echo "the failed attempt's debris is still here" >&2
    exit 1
  fi
  echo done > "$HARNESS_WORKSPACE/feature.txt"
else
  echo wip > "$HARNESS_WORKSPACE/feature.txt"
  echo half-edited > "$HARNESS_WORKSPACE/debris.txt"
fi
