// A cart is a list of lines { sku, unitCents, quantity }; amounts are integer cents.
const { applyDiscount } = require('./discounts');
const { taxFor } = require('./tax');

function subtotal(lines) {
  return lines.reduce((sum, line) => sum + line.unitCents * line.quantity, 0);
}

function total(lines, { discountCode, region } = {}) {
  const discounted = applyDiscount(subtotal(lines), discountCode);
  return discounted + taxFor(discounted, region);
}

module.exports = { subtotal, total };
