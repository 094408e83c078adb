// Full-text search over note titles and bodies: every query word must appear.
function searchNotes(notes, query) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return notes.filter((note) => {
    const text = `${note.title} ${note.body}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}

module.exports = { searchNotes };
