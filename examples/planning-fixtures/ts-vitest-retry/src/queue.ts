// Runs async jobs with at most `concurrency` of them in flight at once.
export class Queue {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly concurrency = 1) {
    if (concurrency < 1) {
      throw new RangeError('concurrency must be at least 1');
    }
  }

  async add<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await job();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  get pending(): number {
    return this.waiting.length;
  }
}
