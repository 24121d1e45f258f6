// Starts a child Node process on a module (TypeScript sources through tsx, or the compiled build),
// with an IPC channel that carries Buffers (advanced serialization). A process rather than a
// worker thread wherever a crash must stay contained: a thread's heap cap (resourceLimits) is
// best-effort, and one large allocation past it makes V8 abort the whole process
// (nodejs/node#47224) — the ingest worker with it, on every retry.
import { spawn, type ChildProcess } from 'node:child_process';
import { heapMbFor, limitedCommand } from './memory-limit.ts';
import { tsxEsmApiUrl } from './module-worker.ts';

// argv after `-e CODE` is [execPath, tsxApi, moduleUrl].
const BOOTSTRAP = `
const [, tsxApi, moduleUrl] = process.argv;
(async () => {
  if (!tsxApi) return import(moduleUrl);
  // A namespaced tsx compiles what is imported through it, our sources; a global one would also
  // run every package the parsers load through its hooks (pdf-parse: 400 MB more per process).
  const api = (await import(tsxApi)).register({ namespace: 'intake-parse-' + process.pid });
  await api.import(moduleUrl, moduleUrl);
})().catch((err) => { console.error(err); process.exit(70); });
`;

/** Enough of the child's stderr to say why it died (V8 prints its fatal errors there). */
const STDERR_TAIL = 4096;

export type ModuleProcess = {
  child: ChildProcess;
  /** True when the kernel holds the memory limit (RLIMIT_DATA), false for V8's heap cap alone. */
  osLimit: boolean;
  send(message: unknown): void;
  /** Keep the parent alive while the child works; let it exit while the child idles. */
  ref(): void;
  unref(): void;
  /** SIGKILL, resolved once the child is gone. */
  kill(): Promise<void>;
  stderrTail(): string;
};

/** `memoryMb` limits the whole process (see memory-limit.ts); without it only V8's defaults hold. */
export function startModuleProcess(moduleUrl: string, opts: { memoryMb?: number } = {}): ModuleProcess {
  const flags = opts.memoryMb ? [`--max-old-space-size=${heapMbFor(opts.memoryMb)}`] : [];
  const tsxApi = moduleUrl.endsWith('.ts') ? tsxEsmApiUrl() : '';
  const argv = [process.execPath, ...flags, '-e', BOOTSTRAP, tsxApi, moduleUrl];
  const { command, args, osLimit } = opts.memoryMb
    ? limitedCommand(argv, opts.memoryMb)
    : { command: argv[0], args: argv.slice(1), osLimit: false };
  // stdout is ignored: a parser's console output must never reach `intake extract`'s JSON lines.
  // stderr is kept, not forwarded: a V8 crash report would break the JSON log stream.
  const child = spawn(command, args, {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let tail = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => (tail = (tail + chunk).slice(-STDERR_TAIL)));
  const handles = () => [child, child.channel, child.stderr] as ({ ref?(): void; unref?(): void } | null | undefined)[];
  return {
    child,
    osLimit,
    send: (message) => void child.send(message as object),
    ref: () => handles().forEach((h) => h?.ref?.()),
    unref: () => handles().forEach((h) => h?.unref?.()),
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
    stderrTail: () => tail,
  };
}
