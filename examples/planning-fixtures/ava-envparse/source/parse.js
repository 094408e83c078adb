import {toBoolean, toInteger, toList} from './coerce.js';

const COERCE = {boolean: toBoolean, integer: toInteger, list: toList, string: value => value};

// Reads every variable the schema names from env, applying defaults and types.
export function parseEnv(schema, env = process.env) {
	const result = {};
	for (const [name, spec] of Object.entries(schema)) {
		const raw = env[name];
		if (raw === undefined || raw === '') {
			if (spec.default === undefined) {
				throw new Error(`missing required environment variable ${name}`);
			}

			result[name] = spec.default;
			continue;
		}

		result[name] = COERCE[spec.type ?? 'string'](raw, name);
	}

	return result;
}
