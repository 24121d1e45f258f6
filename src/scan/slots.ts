// A counting semaphore: at most `size` pages are worked on at once (a rasterizer, a page thread
// or a tesseract process each), the same bound as the document parsers.
import { parseLimits } from '../config/env.ts';

export class Slots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

let shared: Slots | undefined;

/** One bound per process, from INTAKE_PARSE_CONCURRENCY. */
export function sharedScanSlots(): Slots {
  shared ??= new Slots(parseLimits().concurrency);
  return shared;
}
