#!/bin/sh
# Never produces packets: prose only.
cat > /dev/null
echo "I would start by looking at the code."
