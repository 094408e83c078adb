// The page header shown above the dashboard.
function renderHeader(title) {
  return `<header><h1>${title}</h1></header>`;
}

module.exports = { renderHeader };
