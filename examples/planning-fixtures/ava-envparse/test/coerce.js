import test from 'ava';
import {toBoolean, toInteger, toList} from '../source/coerce.js';

test('booleans', t => {
	t.true(toBoolean('TRUE', 'X'));
	t.false(toBoolean('0', 'X'));
	t.throws(() => toBoolean('maybe', 'X'), {instanceOf: TypeError});
});

test('integers', t => {
	t.is(toInteger(' 42 ', 'PORT'), 42);
	t.throws(() => toInteger('4.2', 'PORT'));
});

test('lists', t => {
	t.deepEqual(toList('a, b,,c'), ['a', 'b', 'c']);
});
