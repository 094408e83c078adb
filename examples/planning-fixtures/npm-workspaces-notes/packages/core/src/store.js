// An in-memory notes store; each note has an id, a title, a body and tags.
class NoteStore {
  constructor() {
    this.notes = new Map();
    this.nextId = 1;
  }

  add({ title, body = '', tags = [] }) {
    if (!title || !title.trim()) {
      throw new Error('a note needs a title');
    }
    const note = { id: this.nextId++, title: title.trim(), body, tags: [...new Set(tags)] };
    this.notes.set(note.id, note);
    return note;
  }

  list() {
    return [...this.notes.values()];
  }
}

module.exports = { NoteStore };
