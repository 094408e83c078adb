import { describe, expect, it } from 'vitest';
import { Queue } from '../src/queue.js';

describe('Queue', () => {
  it('never runs more than the limit at once', async () => {
    const queue = new Queue(2);
    let inFlight = 0;
    let most = 0;
    const job = async () => { inFlight++; most = Math.max(most, inFlight); await new Promise((r) => setTimeout(r, 5)); inFlight--; };
    await Promise.all([queue.add(job), queue.add(job), queue.add(job), queue.add(job)]);
    expect(most).toBe(2);
  });

  it('refuses a zero limit', () => {
    expect(() => new Queue(0)).toThrow(RangeError);
  });
});
