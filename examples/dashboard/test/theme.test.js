const test = require('node:test');
const assert = require('node:assert');
const { themeClass } = require('../src/theme/theme');

test('light theme has a class', () => {
  assert.strictEqual(themeClass('light'), 'theme-light');
});

test('unknown theme is refused', () => {
  assert.throws(() => themeClass('neon'));
});
