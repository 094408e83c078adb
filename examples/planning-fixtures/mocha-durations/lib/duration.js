'use strict';
// parseDuration('1h30m') === 5400000: a duration string to milliseconds.
const UNIT_MS = { ms: 1, s: 1000, m: 60 * 1000, h: 60 * 60 * 1000, d: 24 * 60 * 60 * 1000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

function parseDuration(text) {
  const compact = String(text).replace(/\s+/g, '');
  let total = 0;
  let consumed = 0;
  for (const match of compact.matchAll(PART)) {
    total += Number(match[1]) * UNIT_MS[match[2]];
    consumed += match[0].length;
  }
  if (consumed === 0 || consumed !== compact.length) {
    throw new RangeError(`not a duration: ${text}`);
  }
  return total;
}

module.exports = { parseDuration };
