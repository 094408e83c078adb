'use strict';
// Walks the whole tree (as remark-cli does with "."), rewrites every Markdown file to a normal
// form (no trailing spaces, one final newline) and fails on a file that has no heading: anything
// another tool drops into the tree (a prompt file, a run log) is rewritten or fails the test.
const fs = require('node:fs');
const path = require('node:path');
const root = path.resolve(__dirname, '..');
let bad = 0;
let seen = 0;
function walk(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === '.git' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.md')) {
      seen++;
      const text = fs.readFileSync(full, 'utf8');
      const normal = text.split('\n').map((l) => l.replace(/[ \t]+$/, '')).join('\n').replace(/\n*$/, '\n');
      if (normal !== text) fs.writeFileSync(full, normal);
      if (!/^# /m.test(normal)) {
        console.error(`${path.relative(root, full)}: no heading`);
        bad++;
      }
    }
  }
}
walk(root);
console.log(`${seen} Markdown files checked, ${bad} without a heading`);
process.exit(bad ? 1 : 0);
