import { describe, expect, it } from 'vitest';
import { retry } from '../src/retry.js';

describe('retry', () => {
  it('returns the first success', async () => {
    let calls = 0;
    const value = await retry(async () => { calls++; if (calls < 3) throw new Error('flaky'); return 'ok'; }, { sleep: async () => {} });
    expect(value).toBe('ok');
    expect(calls).toBe(3);
  });

  it('waits delayMs between tries', async () => {
    const waits: number[] = [];
    await expect(retry(async () => { throw new Error('down'); }, { retries: 2, delayMs: 50, sleep: async (ms) => { waits.push(ms); } }))
      .rejects.toThrow('down');
    expect(waits).toEqual([50, 50]);
  });
});
