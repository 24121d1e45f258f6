// /metrics for Prometheus. Every intake_* value is read at scrape time from PostgreSQL and Redis
// (collect() callbacks), not counted in this process's memory: the web role that serves the page
// is not the poller or the worker that did the work, and several workers may share the queues.
// One scrape reads each source once (the gauges share a snapshot) and a source that fails or does
// not answer in time only drops its own series: intake_metrics_source_up says which, a warning
// says why, and the rest of the page is still served.
import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { AppContext } from '../app/context.ts';
import type { AckState } from '../db/ack-outbox-repo.ts';
import type { CodeCount, EmailCount, EmailKind, ParseTime, StateCount } from '../db/metrics-repo.ts';
import { QueueName } from '../queue/jobs.ts';
import { readPollerStates, type PollerState } from './poller-state.ts';
import { withTimeout } from './with-timeout.ts';

export type Metrics = { registry: Registry; render(): Promise<{ contentType: string; body: string }> };

export type MetricsOptions = {
  /** Time limit of each source per scrape (default 5 s; Prometheus' own scrape timeout is 10 s). */
  timeoutMs?: number;
};

const JOB_STATES = ['waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized'] as const;
const EMAIL_KINDS: readonly EmailKind[] = ['submission', 'not_submission', 'failed', 'pending'];
const EMAIL_SOURCES = ['imap', 'import'] as const;
const ACK_STATES: readonly AckState[] = ['held', 'queued', 'sending', 'sent', 'failed', 'suppressed', 'dry_run', 'unknown'];

type QueueStats = { queue: string; counts: Record<string, number>; oldestWaitingSeconds: number };

type Sources = {
  emails: EmailCount[];
  parse_times: ParseTime[];
  application_flags: CodeCount[];
  email_flags: CodeCount[];
  replies: StateCount[];
  queues: QueueStats[];
  pollers: PollerState[];
};

/** Each source's value, or null when it failed this scrape. */
type Snapshot = { [K in keyof Sources]: Sources[K] | null };

/** A scrape started this recently is shared by every gauge's collect() (they run concurrently). */
const SNAPSHOT_REUSE_MS = 1_000;

export function createMetrics(app: AppContext, opts: MetricsOptions = {}): Metrics {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const log = app.logger.child({ component: 'metrics' });
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const loaders: { [K in keyof Sources]: () => Promise<Sources[K]> } = {
    emails: () => app.repos.metrics.emailCounts(),
    parse_times: () => app.repos.metrics.parseTimes(),
    application_flags: () => app.repos.metrics.applicationFlagCounts(),
    email_flags: () => app.repos.metrics.emailFlagCounts(),
    replies: () => app.repos.metrics.replyCounts(),
    queues: () => readQueues(app),
    pollers: () => readPollerStates(app, { timeoutMs }),
  };

  let current: { at: number; snapshot: Promise<Snapshot> } | null = null;
  const load = async (): Promise<Snapshot> => {
    const names = Object.keys(loaders) as (keyof Sources)[];
    const values = await Promise.all(
      names.map((name) =>
        withTimeout<unknown>(timeoutMs, loaders[name]).catch((err: unknown) => {
          log.warn(
            { source: name, err: { message: (err as Error)?.message ?? String(err) } },
            'metrics source failed; its series are left out',
          );
          return null;
        }),
      ),
    );
    return Object.fromEntries(names.map((n, i) => [n, values[i]])) as Snapshot;
  };
  const snapshot = (): Promise<Snapshot> => {
    if (!current || Date.now() - current.at > SNAPSHOT_REUSE_MS) current = { at: Date.now(), snapshot: load() };
    return current.snapshot;
  };

  // A gauge whose series are rebuilt from the snapshot on every scrape (none left from the last one).
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], fill: (g: Gauge<L>, s: Snapshot) => void) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const s = await snapshot();
        this.reset();
        fill(this, s);
      },
    });

  // Gauges, not counters, though some names end in _total: an email moves from pending to a
  // judged kind and a re-run replaces its files' timings, so a series can go down.
  gauge('intake_emails_total', 'Emails stored, by source (imap, import) and how far they got', ['source', 'kind'], (g, s) => {
    if (!s.emails) return;
    for (const source of EMAIL_SOURCES) for (const kind of EMAIL_KINDS) g.set({ source, kind }, 0);
    for (const e of s.emails) g.set({ source: e.source, kind: e.kind }, e.count);
  });
  gauge('intake_parse_seconds_sum', 'Total wall time of file parses, by format', ['format'], (g, s) => {
    for (const p of s.parse_times ?? []) g.set({ format: p.format }, p.seconds);
  });
  gauge('intake_parse_files_total', 'Files a parser ran on, by format (divide the seconds by this for the mean)', ['format'], (g, s) => {
    for (const p of s.parse_times ?? []) g.set({ format: p.format }, p.files);
  });
  gauge('intake_flags', 'Current applications carrying a flag, by code', ['code'], (g, s) => {
    for (const f of s.application_flags ?? []) g.set({ code: f.code }, f.count);
  });
  gauge('intake_email_flags', 'Submission emails carrying a flag, by code', ['code'], (g, s) => {
    for (const f of s.email_flags ?? []) g.set({ code: f.code }, f.count);
  });
  gauge('intake_replies', 'Acknowledgement replies in the outbox, by state', ['state'], (g, s) => {
    if (!s.replies) return;
    for (const state of ACK_STATES) g.set({ state }, 0);
    for (const r of s.replies) g.set({ state: r.state }, r.count);
  });
  gauge('intake_jobs', 'Jobs in each queue, by BullMQ state', ['queue', 'state'], (g, s) => {
    for (const q of s.queues ?? []) for (const state of JOB_STATES) g.set({ queue: q.queue, state }, q.counts[state] ?? 0);
  });
  gauge('intake_queue_oldest_waiting_seconds', 'Age of the oldest waiting job (0 when none waits)', ['queue'], (g, s) => {
    for (const q of s.queues ?? []) g.set({ queue: q.queue }, q.oldestWaitingSeconds);
  });
  gauge('intake_poller_connected', 'Poller connected to the mail server, as of a fresh heartbeat (0 when none)', ['mailbox'], (g, s) => {
    for (const p of s.pollers ?? []) g.set({ mailbox: p.mailbox }, p.connected ? 1 : 0);
  });
  gauge('intake_poller_last_success_timestamp_seconds', 'When a sync pass last ended without error', ['mailbox'], (g, s) => {
    for (const p of s.pollers ?? []) if (p.lastSuccessAt) g.set({ mailbox: p.mailbox }, p.lastSuccessAt.getTime() / 1000);
  });
  gauge('intake_metrics_source_up', 'Whether this scrape could read the source (0: its series are missing)', ['source'], (g, s) => {
    for (const [source, value] of Object.entries(s)) g.set({ source }, value === null ? 0 : 1);
  });

  return {
    registry,
    async render() {
      current = null; // every scrape reads fresh values
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

async function readQueues(app: AppContext): Promise<QueueStats[]> {
  const now = Date.now();
  return Promise.all(
    Object.values(QueueName).map(async (name) => {
      const queue = app.queues.get(name);
      const [counts, [oldest]] = await Promise.all([queue.getJobCounts(...JOB_STATES), queue.getWaiting(0, 0)]);
      // A retried job keeps its creation time; its last start is the nearer bound of its wait.
      const since = oldest ? Math.max(oldest.timestamp, oldest.processedOn ?? 0) : now;
      return { queue: name, counts, oldestWaitingSeconds: Math.max(0, (now - since) / 1000) };
    }),
  );
}
