// Coercions from the strings in process.env to typed values.
const TRUE_WORDS = new Set(['true', '1']);
const FALSE_WORDS = new Set(['false', '0']);

export function toBoolean(value, name) {
	const word = value.trim().toLowerCase();
	if (TRUE_WORDS.has(word)) {
		return true;
	}

	if (FALSE_WORDS.has(word)) {
		return false;
	}

	throw new TypeError(`${name} must be a boolean, got "${value}"`);
}

export function toInteger(value, name) {
	if (!/^-?\d+$/.test(value.trim())) {
		throw new TypeError(`${name} must be an integer, got "${value}"`);
	}

	return Number.parseInt(value, 10);
}

export function toList(value) {
	return value.split(',').map(item => item.trim()).filter(Boolean);
}
