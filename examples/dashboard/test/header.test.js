const test = require('node:test');
const assert = require('node:assert');
const { renderHeader } = require('../src/components/header');

test('header shows the title', () => {
  assert.match(renderHeader('Ops'), /<h1>Ops<\/h1>/);
});
