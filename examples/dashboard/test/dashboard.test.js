const test = require('node:test');
const assert = require('node:assert');
const { renderDashboard, escapeHtml } = require('../src/dashboard/dashboard');

test('renders each widget', () => {
  const html = renderDashboard([{ title: 'Users', value: 3 }, { title: 'Errors', value: 0 }]);
  assert.match(html, /Users/);
  assert.match(html, /Errors/);
  assert.match(html, /theme-light/);
});

test('escapes widget titles', () => {
  assert.strictEqual(escapeHtml('<b>'), '&lt;b&gt;');
});
