#!/bin/sh
# Never finishes: starts a child that would outlive it and records the child's pid in $1.
sleep 300 &
echo $! > "$1"
echo "hanging"
sleep 300
