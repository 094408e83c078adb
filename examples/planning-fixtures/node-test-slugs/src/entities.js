// Encoding and decoding of HTML character references.
const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function encodeHTML(text) {
  return text.replace(/[&<>"']/g, (c) => `&${Object.keys(NAMED).find((k) => NAMED[k] === c)};`);
}

// Strict decoding: a reference must end with ";" to be decoded.
function decodeHTMLStrict(text) {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref) => {
    if (ref[0] === '#') {
      const code = ref[1].toLowerCase() === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return NAMED[ref] ?? whole;
  });
}

module.exports = { encodeHTML, decodeHTMLStrict };
