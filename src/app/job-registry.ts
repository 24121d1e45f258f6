// Job name -> payload schema (src/queue/jobs.ts), queue and handler, in one table. A name
// without a handler fails to compile (Record<JobName, …>); start-up checks it again at run time
// (assertJobRegistry) so a name added in JavaScript or through a bad merge stops the process
// instead of leaving its jobs to fail one by one.
import type { Job } from 'bullmq';
import { runSendAck } from '../ack/send-ack.ts';
import { recordIngestJobFailure } from '../ingest/record-job-failure.ts';
import { recordIngestJobStall } from '../ingest/record-job-stall.ts';
import { runIngestJob } from '../ingest/run-ingest-job.ts';
import { JobName, jobQueue, jobSchemas, type JobData } from '../queue/jobs.ts';
import type { AppContext } from './context.ts';

export type JobDefinition<N extends JobName> = {
  run(app: AppContext, job: Job, data: JobData<N>): Promise<unknown>;
  /** BullMQ's 'failed' event, for failures the handler never saw (stalled, removed workers). */
  onFailed?(app: AppContext, job: Job | undefined, err: Error): Promise<void>;
  /** BullMQ's 'stalled' event: the job's worker died mid-run and the job was put back to run again. */
  onStalled?(app: AppContext, job: Job | undefined, jobId: string): Promise<void>;
};

export const jobRegistry: { [N in JobName]: JobDefinition<N> } = {
  [JobName.IngestMessage]: { run: runIngestJob, onFailed: recordIngestJobFailure, onStalled: recordIngestJobStall },
  [JobName.SendAck]: { run: runSendAck },
};

export function assertJobRegistry(registry: Partial<Record<JobName, { run?: unknown }>> = jobRegistry): void {
  const missing = Object.values(JobName).filter(
    (name) => !jobSchemas[name] || !jobQueue[name] || typeof registry[name]?.run !== 'function',
  );
  if (missing.length > 0) throw new Error(`jobs without a schema, queue or handler: ${missing.join(', ')}`);
}
