'use strict';
// formatBytes(1500) === '1.5 kB': decimal (SI) units.
const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

function formatBytes(bytes, { digits = 1 } = {}) {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const text = unit === 0 ? String(value) : value.toFixed(digits).replace(/\.0+$/, '');
  return `${text} ${UNITS[unit]}`;
}

module.exports = { formatBytes };
