// The notes command line: "add TITLE [--tag T]..." and "list" over a store.
const { NoteStore } = require('@notes/core');

function formatNote(note) {
  return `${note.id}\t${note.title}${note.tags.length ? `\t#${note.tags.join(' #')}` : ''}`;
}

function run(args, io, store = new NoteStore()) {
  const [command, ...rest] = args;
  if (command === 'add') {
    const tags = [];
    const words = [];
    for (let i = 0; i < rest.length; i++) {
      if (rest[i] === '--tag') {
        tags.push(rest[++i]);
      } else {
        words.push(rest[i]);
      }
    }
    io.out(formatNote(store.add({ title: words.join(' '), tags })));
    return 0;
  }
  if (command === 'list') {
    store.list().forEach((note) => io.out(formatNote(note)));
    return 0;
  }
  io.err('usage: notes add TITLE [--tag TAG]... | notes list');
  return 2;
}

module.exports = { run, formatNote };
