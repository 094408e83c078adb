'use strict';
const assert = require('assert');
const { parseDuration } = require('../lib/duration');

describe('parseDuration', () => {
  it('adds up units', () => {
    assert.strictEqual(parseDuration('1h30m'), 5400000);
  });
  it('accepts fractions and spaces', () => {
    assert.strictEqual(parseDuration('1.5 s'), 1500);
  });
  it('refuses garbage', () => {
    assert.throws(() => parseDuration('soon'), RangeError);
  });
});
