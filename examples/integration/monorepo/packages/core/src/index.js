'use strict';
// The package the app imports as @mono/core (through node_modules, as an npm workspace).
exports.greet = (name) => `hello, ${name}`;
