export {parseEnv} from './parse.js';
export {toBoolean, toInteger, toList} from './coerce.js';
