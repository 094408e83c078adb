// The dashboard's themes. Only "light" exists so far.
const THEMES = { light: { background: '#ffffff', foreground: '#1a1a1a' } };

function themeClass(name) {
  if (!THEMES[name]) {
    throw new Error(`unknown theme: ${name}`);
  }
  return `theme-${name}`;
}

module.exports = { THEMES, themeClass };
