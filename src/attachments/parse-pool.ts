// A small pool of worker threads that parse documents with a hard time and memory limit per file.
// A timeout or crash (out of memory, a parser bug that kills the thread) makes that file
// unreadable and replaces the worker; it never takes the caller down.
import type { Worker } from 'node:worker_threads';
import { parseLimits } from '../config/env.ts';
import { startModuleWorker } from '../formats/module-worker.ts';
import type { DocumentInput, DocumentResult } from '../formats/registry.ts';
import type { ParseRequest, ParseResponse } from './parse-worker.ts';

export type ParsePoolOptions = { size: number; timeoutMs: number; maxOldGenerationSizeMb: number };

/** From the validated configuration (INTAKE_PARSE_*), read when the first pool is made. */
export function defaultPoolOptions(): ParsePoolOptions {
  const limits = parseLimits();
  return { size: limits.concurrency, timeoutMs: limits.timeoutMs, maxOldGenerationSizeMb: limits.memoryMb };
}

type Task = { id: number; file: DocumentInput; resolve: (r: DocumentResult) => void };

type Slot = { worker: Worker; ready: Promise<void>; busy: Task | null; timer: NodeJS.Timeout | null };

export class ParsePool {
  private readonly slots: (Slot | null)[];
  private readonly queue: Task[] = [];
  private nextId = 1;

  constructor(private readonly options: ParsePoolOptions = defaultPoolOptions()) {
    this.slots = Array.from({ length: options.size }, () => null);
  }

  parse(file: DocumentInput): Promise<DocumentResult> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, file, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s?.worker.terminate()));
    this.slots.fill(null);
  }

  private spawn(index: number): Slot {
    const worker = startModuleWorker(import.meta.url, 'parse-worker', {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxOldGenerationSizeMb },
    });
    let markReady: () => void = () => undefined;
    const slot: Slot = { worker, ready: new Promise((r) => (markReady = r)), busy: null, timer: null };
    worker.on('message', (msg: ParseResponse | { ready: true }) => {
      if ('ready' in msg) return markReady();
      if (slot.busy?.id !== msg.id) return;
      this.finish(index, slot, msg.result);
    });
    worker.on('error', (err) => this.fail(index, slot, `parser crashed: ${err.message}`, /memory/i.test(err.message) ? 'too_large' : 'corrupt'));
    worker.on('exit', (code) => this.fail(index, slot, `parser exited with code ${code}`, 'corrupt'));
    worker.unref();
    return slot;
  }

  private finish(index: number, slot: Slot, result: DocumentResult): void {
    const task = slot.busy;
    if (slot.timer) clearTimeout(slot.timer);
    slot.busy = null;
    slot.timer = null;
    slot.worker.unref(); // an idle pool must not keep the process alive
    task?.resolve(result);
    this.pump();
    void index;
  }

  private fail(index: number, slot: Slot, error: string, reason: DocumentResult['reason']): void {
    if (this.slots[index] !== slot) return;
    this.slots[index] = null;
    const task = slot.busy;
    if (slot.timer) clearTimeout(slot.timer);
    slot.busy = null;
    void slot.worker.terminate();
    task?.resolve({ format: 'unknown', error, reason });
    this.pump();
  }

  private pump(): void {
    for (let i = 0; i < this.slots.length && this.queue.length > 0; i++) {
      let slot = this.slots[i];
      if (slot?.busy) continue;
      if (!slot) slot = this.slots[i] = this.spawn(i);
      const task = this.queue.shift()!;
      const current = slot;
      current.busy = task;
      current.worker.ref();
      current.timer = setTimeout(() => this.fail(i, current, `parse timed out after ${this.options.timeoutMs} ms`, 'timeout'), this.options.timeoutMs);
      void current.ready.then(() => {
        if (current.busy !== task) return;
        const req: ParseRequest = { id: task.id, file: task.file };
        current.worker.postMessage(req);
      });
    }
  }
}

let shared: ParsePool | null = null;

/** The process-wide pool (lazily started; its threads do not keep the process alive when idle). */
export function sharedParsePool(): ParsePool {
  shared ??= new ParsePool();
  return shared;
}
