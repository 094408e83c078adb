const test = require('node:test');
const assert = require('node:assert');
const { encodeHTML, decodeHTMLStrict } = require('../src/entities');

test('encodeHTML escapes markup', () => {
  assert.strictEqual(encodeHTML('<a href="x">'), '&lt;a href=&quot;x&quot;&gt;');
});

test('decodeHTMLStrict decodes named and numeric references', () => {
  assert.strictEqual(decodeHTMLStrict('&lt;b&gt; &#65;&#x42;'), '<b> AB');
});
