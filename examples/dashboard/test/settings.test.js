const test = require('node:test');
const assert = require('node:assert');
const { loadSettings } = require('../src/settings');

test('settings default to the light theme', () => {
  assert.strictEqual(loadSettings().theme, 'light');
});

test('saved settings win over the defaults', () => {
  assert.strictEqual(loadSettings({ refreshSeconds: 5 }).refreshSeconds, 5);
});
