'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { farewell } = require('@mono/core');

test('core says goodbye too', () => {
  assert.strictEqual(farewell('ada'), 'goodbye, ada');
});
