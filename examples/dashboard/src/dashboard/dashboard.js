// Renders the dashboard as an HTML string from a list of widgets.
const { themeClass } = require('../theme/theme');

function renderWidget(widget) {
  return `<section class="widget"><h2>${escapeHtml(widget.title)}</h2><p>${escapeHtml(String(widget.value))}</p></section>`;
}

function renderDashboard(widgets, theme = 'light') {
  const body = widgets.map(renderWidget).join('');
  return `<main class="dashboard ${themeClass(theme)}">${body}</main>`;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

module.exports = { renderDashboard, renderWidget, escapeHtml };
