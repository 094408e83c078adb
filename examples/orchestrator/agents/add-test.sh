#!/bin/sh
# Fake agent for test evidence (issue 14): task "weak" adds a test that passes without its change
# (no evidence); task "strong" adds src/dark.js and a test that needs it (fails on the base).
[ "$1" = "--version" ] && { echo "add-test 1.0"; exit 0; }
cd "$HARNESS_WORKSPACE" || exit 1
case "$HARNESS_TASK_ID" in
  weak)
    echo "// dark mode: coming" >> src/theme/theme.js
    printf "const test = require('node:test');\ntest('weak', () => {});\n" > test/weak.test.js ;;
  strong)
    printf "module.exports = { dark: true };\n" > src/dark.js
    printf "const test = require('node:test');\nconst assert = require('node:assert');\ntest('dark', () => assert.ok(require('../src/dark').dark));\n" > test/dark.test.js ;;
esac
