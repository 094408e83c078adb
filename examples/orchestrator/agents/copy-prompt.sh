#!/bin/sh
# Fake agent: keeps the prompt it gets on stdin as <dir>/<task id>.prompt (to see what an agent is told)
# and leaves <task id>.done where it works.
[ "$1" = "--version" ] && { echo "copy-prompt 1.0"; exit 0; }
cat > "$1/$HARNESS_TASK_ID.prompt"
touch "$HARNESS_WORKSPACE/$HARNESS_TASK_ID.done"
