'use strict';
// A deliberately broken @mono/core: the app's test must fail when it runs against this code.
exports.greet = () => 'broken';
