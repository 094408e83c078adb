// Discount codes: a percentage off, or a fixed amount in cents.
const CODES = {
  WELCOME10: { percent: 10 },
  FIVEOFF: { cents: 500 },
};

function applyDiscount(cents, code) {
  if (!code) {
    return cents;
  }
  const discount = CODES[code];
  if (!discount) {
    throw new Error(`unknown discount code: ${code}`);
  }
  const off = discount.percent ? Math.round((cents * discount.percent) / 100) : discount.cents;
  return Math.max(0, cents - off);
}

module.exports = { CODES, applyDiscount };
