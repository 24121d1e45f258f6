// A small pool of child processes that parse documents with a hard time and memory limit per file.
// A timeout or crash (out of memory, a parser bug that kills the process) makes that file
// unreadable and replaces the process; it never takes the caller down. Processes, not threads:
// a thread that runs out of heap can abort the whole process (see module-process.ts).
import { parseLimits } from '../config/env.ts';
import { OUT_OF_MEMORY } from '../formats/memory-limit.ts';
import { startModuleProcess, type ModuleProcess } from '../formats/module-process.ts';
import { siblingModuleUrl } from '../formats/module-worker.ts';
import type { DocumentInput, DocumentResult } from '../formats/registry.ts';
import type { ParseRequest, ParseWorkerMessage } from './parse-worker.ts';

/**
 * `memoryMb` bounds each parse process as a whole (the kernel's RLIMIT_DATA where prlimit exists,
 * with V8's heap cap below it: see src/formats/memory-limit.ts), not only its JavaScript heap.
 */
export type ParsePoolOptions = { size: number; timeoutMs: number; memoryMb: number };

/** From the validated configuration (INTAKE_PARSE_*), read when the first pool is made. */
export function defaultPoolOptions(): ParsePoolOptions {
  const limits = parseLimits();
  return { size: limits.concurrency, timeoutMs: limits.timeoutMs, memoryMb: limits.memoryMb };
}

/**
 * A parse's answer, how long the file held its process (null if it never started: see
 * startTimer), and the process's peak resident memory so far in MB (null when it died).
 */
export type TimedDocumentResult = DocumentResult & { parseMs: number | null; peakRssMb: number | null };

type Task = { id: number; file: DocumentInput; resolve: (r: TimedDocumentResult) => void; reject: (e: Error) => void };

type Slot = {
  proc: ModuleProcess;
  ready: Promise<void>;
  isReady: boolean;
  busy: Task | null;
  timer: NodeJS.Timeout | null;
  /** performance.now() when the process took the file in hand. */
  startedAt: number | null;
};

/**
 * How long a new parse process may take to load its parsers. Not the file's time: a process that
 * cannot start (broken install, a machine out of memory) fails the caller's job, which is
 * retried, rather than making a file unreadable.
 */
const STARTUP_LIMIT_MS = 120_000;

/** The "SomeError: message" line of a crash report on stderr (else its last line). */
function errorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? lines.pop() ?? '';
}

export class ParsePool {
  private readonly slots: (Slot | null)[];
  private readonly queue: Task[] = [];
  private nextId = 1;

  /** `workerUrl` is for tests that need a parse process that misbehaves. */
  constructor(
    private readonly options: ParsePoolOptions = defaultPoolOptions(),
    private readonly workerUrl: string = siblingModuleUrl(import.meta.url, 'parse-worker'),
  ) {
    this.slots = Array.from({ length: options.size }, () => null);
  }

  parse(file: DocumentInput): Promise<TimedDocumentResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, file, resolve, reject });
      this.pump();
    });
  }

  /** Process ids of the live parse processes (tests watch their memory through /proc). */
  pids(): number[] {
    return this.slots.flatMap((s) => (s?.proc.child.pid ? [s.proc.child.pid] : []));
  }

  async close(): Promise<void> {
    const live = [...this.slots];
    this.slots.fill(null); // first: the processes' exit events then find no slot to refill
    const pending = [...this.queue.splice(0), ...live.map((s) => s?.busy)];
    for (const task of pending) task?.reject(new Error('parse pool closed'));
    await Promise.all(live.map((s) => s?.proc.kill()));
  }

  private spawn(index: number): Slot {
    const proc = startModuleProcess(this.workerUrl, { memoryMb: this.options.memoryMb });
    let markReady: () => void = () => undefined;
    const slot: Slot = { proc, ready: new Promise((r) => (markReady = r)), isReady: false, busy: null, timer: null, startedAt: null };
    const startup = setTimeout(
      () => this.failToStart(index, slot, `parse process did not start within ${STARTUP_LIMIT_MS} ms`),
      STARTUP_LIMIT_MS,
    );
    startup.unref();
    proc.child.on('message', (msg: ParseWorkerMessage) => {
      if ('ready' in msg) {
        clearTimeout(startup);
        slot.isReady = true;
        return markReady();
      }
      // The time limit runs from here: loading the parsers and queueing are not the file's time.
      if ('started' in msg) return this.startTimer(index, slot, msg.started);
      if (slot.busy?.id !== msg.id) return;
      this.finish(index, slot, msg.result, msg.peakRssMb ?? null);
    });
    proc.child.on('error', (err) => {
      if (!slot.isReady) return this.failToStart(index, slot, `parse process could not start: ${err.message}`);
      this.fail(index, slot, `parser process failed: ${err.message}`, 'corrupt');
    });
    proc.child.on('exit', (code, signal) => {
      clearTimeout(startup);
      const tail = proc.stderrTail();
      if (!slot.isReady)
        return this.failToStart(index, slot, `parse process exited before it was ready (${signal ?? `code ${code}`}): ${errorLine(tail)}`);
      // V8 reports a heap exhausted past its cap, or an allocation the kernel refused past the
      // process limit, on stderr, then aborts.
      if (OUT_OF_MEMORY.test(tail)) {
        return this.fail(index, slot, `parser ran out of memory (limit ${this.options.memoryMb} MB)`, 'too_large');
      }
      this.fail(index, slot, `parser exited with ${signal ?? `code ${code}`}`, 'corrupt');
    });
    proc.unref();
    return slot;
  }

  private startTimer(index: number, slot: Slot, taskId: number): void {
    if (slot.busy?.id !== taskId || slot.timer) return;
    slot.startedAt = performance.now();
    slot.timer = setTimeout(
      () => this.fail(index, slot, `parse timed out after ${this.options.timeoutMs} ms`, 'timeout'),
      this.options.timeoutMs,
    );
  }

  private finish(index: number, slot: Slot, result: DocumentResult, peakRssMb: number | null): void {
    const task = slot.busy;
    const parseMs = elapsedMs(slot);
    if (slot.timer) clearTimeout(slot.timer);
    slot.busy = null;
    slot.timer = null;
    slot.startedAt = null;
    slot.proc.unref(); // an idle pool must not keep the process alive
    task?.resolve({ ...nearLimit(result, peakRssMb, this.options.memoryMb), parseMs, peakRssMb });
    this.pump();
    void index;
  }

  /** The file's parse failed: the file is unreadable, the process is replaced. */
  private fail(index: number, slot: Slot, error: string, reason: DocumentResult['reason']): void {
    const parseMs = elapsedMs(slot);
    const task = this.retire(index, slot);
    if (task === undefined) return;
    task?.resolve({ format: 'unknown', error, reason, parseMs, peakRssMb: null });
    this.pump();
  }

  /** The process never got ready: no fault of the file's, so its caller gets an error to retry. */
  private failToStart(index: number, slot: Slot, error: string): void {
    const task = this.retire(index, slot);
    if (task === undefined) return;
    task?.reject(new Error(error));
    this.pump();
  }

  /** Takes a slot out of the pool; its task (or null), or undefined if it was already out. */
  private retire(index: number, slot: Slot): Task | null | undefined {
    if (this.slots[index] !== slot) return undefined;
    this.slots[index] = null;
    const task = slot.busy;
    if (slot.timer) clearTimeout(slot.timer);
    slot.busy = null;
    slot.timer = null;
    void slot.proc.kill();
    return task;
  }

  private pump(): void {
    for (let i = 0; i < this.slots.length && this.queue.length > 0; i++) {
      let slot = this.slots[i];
      if (slot?.busy) continue;
      if (!slot) slot = this.slots[i] = this.spawn(i);
      const task = this.queue.shift()!;
      const current = slot;
      current.busy = task;
      current.proc.ref();
      void current.ready.then(() => {
        if (current.busy !== task) return;
        const req: ParseRequest = { id: task.id, file: task.file };
        current.proc.send(req);
      });
    }
  }
}

/**
 * Under the kernel's limit a refused allocation can surface inside a parser as any error at all
 * (pdfjs: "Setting up fake worker failed"). A failure in a process that had come near its limit
 * is put down to the file's size, not to damage.
 */
function nearLimit(result: DocumentResult, peakRssMb: number | null, memoryMb: number): DocumentResult {
  if (result.reason !== 'corrupt' || peakRssMb === null || peakRssMb < memoryMb * NEAR_LIMIT) return result;
  return { ...result, reason: 'too_large', error: `${result.error ?? 'parse failed'} (at ${peakRssMb} MB of the ${memoryMb} MB limit)` };
}

const NEAR_LIMIT = 0.8;

/** The file's own time (a timeout's full limit included), not its wait in the pool's queue. */
function elapsedMs(slot: Slot): number | null {
  return slot.startedAt === null ? null : Math.round(performance.now() - slot.startedAt);
}

let shared: ParsePool | null = null;

/** The process-wide pool (lazily started; its processes do not keep the caller alive when idle). */
export function sharedParsePool(): ParsePool {
  shared ??= new ParsePool();
  return shared;
}
