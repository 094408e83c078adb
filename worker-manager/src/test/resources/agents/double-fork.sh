#!/bin/sh
# Leaves a grandchild that escapes the process tree: a subshell starts it in the background and
# exits at once, so it is reparented to init and is no longer anyone's descendant. Records its
# pid in $1; with $2 = hang, the agent itself then never finishes.
( sleep 300 & echo $! > "$1" )
while [ ! -s "$1" ]; do sleep 0.01; done
echo "forked"
if [ "$2" = "hang" ]; then
  sleep 300
fi
