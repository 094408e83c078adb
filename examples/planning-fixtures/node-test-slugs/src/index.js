const { slugify, slugifyWithCounter } = require('./slugify');
const { encodeHTML, decodeHTMLStrict } = require('./entities');

module.exports = { slugify, slugifyWithCounter, encodeHTML, decodeHTMLStrict };
