// A time limit on one answer. The service's shared Redis connection queues commands while Redis is
// down (BullMQ needs maxRetriesPerRequest: null), so a read through it would otherwise wait for as
// long as the outage lasts: a healthcheck, a scrape or a page must answer within its limit instead.
// The work itself is not cancelled; its late answer is ignored.

export async function withTimeout<T>(timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([fn(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
