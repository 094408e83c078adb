// The person's dashboard settings and their defaults.
const DEFAULTS = {
  theme: 'light',
  refreshSeconds: 30,
};

function loadSettings(saved = {}) {
  return { ...DEFAULTS, ...saved };
}

module.exports = { DEFAULTS, loadSettings };
