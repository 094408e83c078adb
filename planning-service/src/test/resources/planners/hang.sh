#!/bin/sh
# Never answers: the service must stop it (and its child) after --planner-timeout.
cat > /dev/null
sleep 300 &
echo $! > planner-child.pid
wait
