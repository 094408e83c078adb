const { subtotal, total } = require('../src/cart');

const lines = [{ sku: 'mug', unitCents: 1250, quantity: 2 }, { sku: 'tea', unitCents: 500, quantity: 1 }];

test('subtotal multiplies by quantity', () => {
  expect(subtotal(lines)).toBe(3000);
});

test('total applies the discount before tax', () => {
  expect(total(lines, { discountCode: 'WELCOME10', region: 'EU' })).toBe(3240);
});
