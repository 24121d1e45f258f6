// Shared pieces of the end-to-end benchmarks (scripts/bench/*.ts): a private database, store and
// queue prefix per run, the corpus emails made unique, process RSS sampling, percentiles.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

export const root = resolve(import.meta.dirname, '../..');

/** The corpus emails (dev corpus and its application set when present, else the sample mailbox). */
export function corpusEmails(): Buffer[] {
  const dirs = [resolve(root, '../shared/corpus'), resolve(root, '../shared/corpus/applications')].filter((d) => existsSync(d));
  if (dirs.length === 0) dirs.push(resolve(root, 'test/fixtures/sample-mailbox'));
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.eml'))
      .sort()
      .map((f) => readFileSync(join(d, f))),
  );
}

/** Email i of a run: a corpus email with its own Message-ID (and so its own sha256). */
export function uniqueEmail(base: Buffer, run: string, i: number): Buffer {
  const text = base.toString('latin1');
  const headerEnd = text.search(/\r?\n\r?\n/);
  const head = text.slice(0, headerEnd).replace(/^Message-ID:.*(\r?\n[ \t].*)*$/gim, '');
  const id = `Message-ID: <bench-${run}-${i}@bench.invalid>`;
  return Buffer.from(`${id}\r\nX-Bench-Seq: ${i}\r\n${head.replace(/^(\r?\n)+/, '')}${text.slice(headerEnd)}`, 'latin1');
}

export type BenchEnv = { env: Record<string, string>; sql: pg.Pool; cleanup(): Promise<void> };

export async function benchEnv(label: string, extra: Record<string, string> = {}): Promise<BenchEnv> {
  const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `intake_bench_${label}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  const store = mkdtempSync(join(tmpdir(), `intake-bench-${label}-`));
  const env = {
    ...process.env,
    DATABASE_URL: url.toString(),
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: name,
    STORAGE_DIR: store,
    LOG_LEVEL: 'warn',
    INTAKE_USE_DIST: '1',
    ACK_MODE: 'dry-run',
    ...extra,
  } as Record<string, string>;
  await run(['migrate'], env);
  const sql = new pg.Pool({ connectionString: url.toString(), max: 2 });
  return {
    env,
    sql,
    async cleanup() {
      await sql.end();
      const a = new pg.Client({ connectionString: base });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
      rmSync(store, { recursive: true, force: true });
      const { Redis } = await import('ioredis');
      const r = new Redis(env.REDIS_URL);
      const keys = await r.keys(`${name}:*`);
      for (let i = 0; i < keys.length; i += 500) await r.del(...keys.slice(i, i + 500));
      r.disconnect();
    },
  };
}

/** `intake ARGS` from dist/ (built first when missing), resolving when it exits 0. */
export function run(args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((ok, fail) => {
    const p = spawn('node', [join(root, 'bin/intake.js'), ...args], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    p.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`intake ${args.join(' ')} exited ${code}`))));
  });
}

/** Builds dist/ from the current sources (a stale build would measure old code). */
export function ensureBuild(): void {
  process.stderr.write('[bench] building dist/ (npm run build)…\n');
  const r = spawnSyncOk('npm', ['run', 'build', '--silent']);
  if (!r) throw new Error('npm run build failed');
}

function spawnSyncOk(cmd: string, args: string[]): boolean {
  return spawnSync(cmd, args, { cwd: root, stdio: 'inherit' }).status === 0;
}

export function startRole(role: string, env: Record<string, string>): ChildProcess {
  return spawn('node', [join(root, 'bin/intake.js'), role], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Resident set of a process and all its descendants (parse processes), in MB, from /proc. */
export function treeRssMb(pid: number): number {
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const t of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // Exited meanwhile.
    }
  }
  return kb / 1024;
}

/** CPU seconds (user + system) used so far by a process and its live descendants, from /proc. */
export function treeCpuSeconds(pid: number): number {
  const ticks = 100; // USER_HZ on Linux
  let total = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop()!;
    try {
      // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th,
      // cutime/cstime (waited-for children) the 14th and 15th.
      const after = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(after[11]) + Number(after[12]) + Number(after[13]) + Number(after[14])) / ticks;
      for (const t of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // Exited meanwhile.
    }
  }
  return total;
}

/** Samples treeRssMb every `everyMs` until stopped; returns the peak. */
export function sampleRss(pids: () => number[], everyMs = 250): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => {
    const total = pids().reduce((s, p) => s + treeRssMb(p), 0);
    peak = Math.max(peak, total);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
  };
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
