export { Queue } from './queue.js';
export { retry, type RetryOptions } from './retry.js';
export { VERSION } from './generated/version.js';
