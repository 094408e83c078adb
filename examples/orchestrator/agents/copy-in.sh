#!/bin/sh
# Fake agent that makes a real change: copies the files under OVERLAY (a directory of this
# installation's examples, relative paths kept) over the directory it works in.
# Usage: copy-in.sh OVERLAY
[ "$1" = "--version" ] && { echo "copy-in 1.0"; exit 0; }
cp -R "$1"/. "$HARNESS_WORKSPACE"/
echo "copied $(cd "$1" && find . -type f | wc -l) file(s) from $1"
