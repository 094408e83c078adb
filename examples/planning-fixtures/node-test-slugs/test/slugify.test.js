const test = require('node:test');
const assert = require('node:assert');
const { slugify, slugifyWithCounter } = require('../src/slugify');

test('slugify lowercases and joins words', () => {
  assert.strictEqual(slugify('Hello, World!'), 'hello-world');
});

test('slugify drops accents', () => {
  assert.strictEqual(slugify('Crème brûlée'), 'creme-brulee');
});

test('slugifyWithCounter numbers repeats', () => {
  const slug = slugifyWithCounter();
  assert.deepStrictEqual([slug('A'), slug('A'), slug('B')], ['a', 'a-1', 'b']);
});
