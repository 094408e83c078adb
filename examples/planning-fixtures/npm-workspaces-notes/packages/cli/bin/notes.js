#!/usr/bin/env node
const { run } = require('../src/commands');

process.exitCode = run(process.argv.slice(2), { out: (line) => console.log(line), err: (line) => console.error(line) });
