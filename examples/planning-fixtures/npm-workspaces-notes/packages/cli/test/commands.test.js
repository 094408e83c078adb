const test = require('node:test');
const assert = require('node:assert');
const { run } = require('../src/commands');

test('add prints the note with its tags', () => {
  const lines = [];
  const code = run(['add', 'Buy', 'milk', '--tag', 'home'], { out: (l) => lines.push(l), err: () => {} });
  assert.strictEqual(code, 0);
  assert.deepStrictEqual(lines, ['1\tBuy milk\t#home']);
});

test('an unknown command prints usage and exits 2', () => {
  const errors = [];
  assert.strictEqual(run(['frobnicate'], { out: () => {}, err: (l) => errors.push(l) }), 2);
  assert.match(errors[0], /usage/);
});
