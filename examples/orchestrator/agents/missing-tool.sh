#!/bin/sh
# Fake agent: the tool it needs is not installed (exit 127) — unrecoverable, retrying cannot help.
[ "$1" = "--version" ] && { echo "missing-tool 1.0"; exit 0; }
echo "sh: 1: deploy-tool: not found" >&2
exit 127
