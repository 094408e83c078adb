#!/bin/sh
# Copies the prompt it gets on stdin into prompt-copy.txt.
cat > "$HARNESS_WORKSPACE/prompt-copy.txt"
