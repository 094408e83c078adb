const test = require('node:test');
const assert = require('node:assert');
const { searchNotes } = require('../src/search');

test('every word must match, in title or body', () => {
  const notes = [{ title: 'Groceries', body: 'milk and eggs' }, { title: 'Ideas', body: 'eggs benedict' }];
  assert.deepStrictEqual(searchNotes(notes, 'EGGS milk').map((n) => n.title), ['Groceries']);
});
