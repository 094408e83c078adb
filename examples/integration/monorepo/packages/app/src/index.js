'use strict';
const { greet } = require('@mono/core');
exports.welcome = (user) => greet(user) + '!';
