module.exports = { ...require('./duration'), ...require('./bytes') };
