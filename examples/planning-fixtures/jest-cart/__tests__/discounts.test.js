const { applyDiscount } = require('../src/discounts');

test('percentage codes take a share off', () => {
  expect(applyDiscount(2000, 'WELCOME10')).toBe(1800);
});

test('fixed codes never go below zero', () => {
  expect(applyDiscount(300, 'FIVEOFF')).toBe(0);
});

test('unknown codes are refused', () => {
  expect(() => applyDiscount(100, 'NOPE')).toThrow('unknown discount code');
});
