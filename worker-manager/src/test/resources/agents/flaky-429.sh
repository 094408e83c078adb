#!/bin/sh
# Fails like a rate-limited API on the first call, then succeeds. $1: counter file.
n=$(cat "$1" 2>/dev/null || echo 0); n=$((n + 1)); echo "$n" > "$1"
if [ "$n" -eq 1 ]; then
  echo "request failed: HTTP 429 Too Many Requests (rate limit exceeded)" >&2
  exit 1
fi
echo "attempt $HARNESS_ATTEMPT succeeded"
echo ok > "$HARNESS_WORKSPACE/done.txt"
