// The queues of the service on one Redis connection, namespaced by QUEUE_PREFIX so several
// deployments (and every integration test) can share a Redis.
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { ACK_JOB_OPTIONS, DEFAULT_JOB_OPTIONS } from './job-options.ts';
import { jobQueue, QueueName, type JobItem } from './jobs.ts';

export type Queues = {
  prefix: string;
  get(name: QueueName): Queue;
  add(item: JobItem, opts?: JobsOptions): Promise<void>;
  /** Jobs waiting, delayed, active or prioritized across all queues (import --wait). */
  pendingCount(): Promise<number>;
  close(): Promise<void>;
};

export function createQueues(connection: Redis, prefix: string): Queues {
  const queues = new Map<QueueName, Queue>();
  for (const name of Object.values(QueueName)) {
    const defaultJobOptions = name === QueueName.Ack ? ACK_JOB_OPTIONS : DEFAULT_JOB_OPTIONS;
    queues.set(name, new Queue(name, { connection, prefix, defaultJobOptions }));
  }
  const get = (name: QueueName) => queues.get(name)!;
  return {
    prefix,
    get,
    async add(item, opts) {
      await get(jobQueue[item.name]).add(item.name, item.data, opts);
    },
    async pendingCount() {
      let n = 0;
      for (const q of queues.values()) {
        const c = await q.getJobCounts('waiting', 'delayed', 'active', 'prioritized', 'waiting-children');
        n += Object.values(c).reduce((a, b) => a + b, 0);
      }
      return n;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
