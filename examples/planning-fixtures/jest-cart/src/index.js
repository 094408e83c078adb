module.exports = { ...require('./cart'), ...require('./discounts'), ...require('./tax') };
