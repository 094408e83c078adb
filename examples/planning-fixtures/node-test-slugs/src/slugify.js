// Turns titles into URL slugs: lowercase ASCII words joined by a separator.
const COMBINING_MARKS = /[\u0300-\u036f]/g;

function slugify(text, { separator = '-' } = {}) {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, separator)
    .replace(new RegExp(`^${separator}+|${separator}+$`, 'g'), '');
}

// Returns a slugify function that numbers repeated slugs: "a", "a-1", "a-2".
function slugifyWithCounter() {
  const seen = new Map();
  const next = (text, options) => {
    const slug = slugify(text, options);
    const count = seen.get(slug) || 0;
    seen.set(slug, count + 1);
    return count === 0 ? slug : `${slug}-${count}`;
  };
  next.reset = () => seen.clear();
  return next;
}

module.exports = { slugify, slugifyWithCounter };
