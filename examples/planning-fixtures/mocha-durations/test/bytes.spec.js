'use strict';
const assert = require('assert');
const { formatBytes } = require('../lib/bytes');

describe('formatBytes', () => {
  it('keeps small sizes in bytes', () => {
    assert.strictEqual(formatBytes(512), '512 B');
  });
  it('uses SI units', () => {
    assert.strictEqual(formatBytes(1500), '1.5 kB');
    assert.strictEqual(formatBytes(2000000), '2 MB');
  });
});
