import test from 'ava';
import {parseEnv} from '../source/parse.js';

test('applies types and defaults', t => {
	const env = {PORT: '8080', DEBUG: 'true'};
	t.deepEqual(parseEnv({PORT: {type: 'integer'}, DEBUG: {type: 'boolean'}, HOST: {default: 'localhost'}}, env),
		{PORT: 8080, DEBUG: true, HOST: 'localhost'});
});

test('a missing variable without a default is an error', t => {
	t.throws(() => parseEnv({TOKEN: {}}, {}), {message: /TOKEN/});
});
