'use strict';
// Checks the files git would track here (tracked, or untracked and not ignored), as Biome does
// with vcs.useIgnoreFile: inside a worktree that sits under an ignored path git reports none, and
// "no files were processed" is an error.
const { execFileSync } = require('node:child_process');
const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.js'], { encoding: 'utf8' });
const files = out.split('\n').filter(Boolean);
if (files.length === 0) {
  console.error('No files were processed: every file is covered by an ignore rule.');
  process.exit(1);
}
let bad = 0;
for (const file of files) {
  const text = require('node:fs').readFileSync(file, 'utf8');
  if (!text.startsWith("'use strict';")) {
    console.error(`${file}: missing 'use strict'`);
    bad++;
  }
}
console.log(`${files.length} files checked`);
process.exit(bad ? 1 : 0);
