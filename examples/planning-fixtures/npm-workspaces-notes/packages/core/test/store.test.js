const test = require('node:test');
const assert = require('node:assert');
const { NoteStore } = require('../src/store');

test('notes get increasing ids and unique tags', () => {
  const store = new NoteStore();
  store.add({ title: 'a' });
  const note = store.add({ title: ' b ', tags: ['x', 'x'] });
  assert.deepStrictEqual([note.id, note.title, note.tags], [2, 'b', ['x']]);
});

test('a note needs a title', () => {
  assert.throws(() => new NoteStore().add({ title: ' ' }));
});
