module.exports = { ...require('./store'), ...require('./search') };
