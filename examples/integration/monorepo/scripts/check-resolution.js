'use strict';
// Fails unless @mono/core resolves to this checkout's own packages/core: a worktree nested inside
// another checkout (or with no install of its own) would resolve it somewhere else, or nowhere.
const path = require('node:path');
let resolved;
try {
  resolved = require.resolve('@mono/core');
} catch (e) {
  console.error('@mono/core does not resolve: run npm install (npm ci) first');
  process.exit(1);
}
const own = path.join(__dirname, '..', 'packages', 'core');
const real = require('node:fs').realpathSync(resolved);
if (!real.startsWith(require('node:fs').realpathSync(own) + path.sep)) {
  console.error(`@mono/core resolves to ${real}, not to this checkout's ${own}`);
  process.exit(1);
}
console.log('@mono/core resolves to this checkout');
