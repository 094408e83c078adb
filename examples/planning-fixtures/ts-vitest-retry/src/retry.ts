// Calls `attempt` until it resolves or `retries` more tries have failed, waiting between tries.
export interface RetryOptions {
  retries?: number;
  delayMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function retry<T>(attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const { retries = 3, delayMs = 100, sleep = defaultSleep } = options;
  let lastError: unknown;
  for (let n = 0; n <= retries; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      lastError = error;
      if (n < retries) {
        await sleep(delayMs);
      }
    }
  }
  throw lastError;
}
