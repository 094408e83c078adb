'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { welcome } = require('@mono/app');

test('the app greets through @mono/core', () => {
  assert.strictEqual(welcome('ada'), 'hello, ada!');
});
