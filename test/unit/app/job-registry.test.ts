import { describe, expect, it } from 'vitest';
import { assertJobRegistry, jobRegistry } from '../../../src/app/job-registry.ts';
import { JobName, jobQueue, jobSchemas, QueueName } from '../../../src/queue/jobs.ts';

describe('job registry', () => {
  it('maps every job name to a payload schema, a queue and a handler', () => {
    for (const name of Object.values(JobName)) {
      expect(jobSchemas[name], name).toBeDefined();
      expect(Object.values(QueueName)).toContain(jobQueue[name]);
      expect(typeof jobRegistry[name].run, name).toBe('function');
    }
    expect(() => assertJobRegistry()).not.toThrow();
  });

  it('refuses to start with a job name that has no handler', () => {
    expect(() => assertJobRegistry({})).toThrow(/without a schema, queue or handler: ingest-message/);
  });

  it('rejects a payload that does not match its schema', () => {
    const schema = jobSchemas[JobName.IngestMessage];
    expect(schema.safeParse({ messageId: '12' }).data).toEqual({ messageId: '12', reason: 'new' });
    expect(schema.safeParse({ messageId: '12; DROP' }).success).toBe(false);
    expect(schema.safeParse({ messageId: '12', reason: 'whenever' }).success).toBe(false);
  });
});
