// Runs one external program (pdftoppm, pdfimages, pdfinfo, tesseract) on one file or page with a
// hard time limit and an address-space cap, like every parser: a hostile or broken scan costs
// that page its reading, never the worker. The cap is set with util-linux's prlimit where it
// exists, else with the shell's `ulimit -v`; both exec the tool, so the kill timer hits it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

export type ToolLimits = { timeoutMs: number; memoryMb: number };

export type ToolRun = {
  cmd: string;
  args: string[];
  limits: ToolLimits;
  /** Written to the tool's standard input (tesseract reads the page image from `stdin`). */
  input?: Buffer;
  env?: Record<string, string>;
  /** Standard output beyond this kills the tool (a page image far larger than any scan). */
  maxOutputBytes?: number;
};

export type ToolFailure = 'missing' | 'timeout' | 'too_large' | 'failed';

export class ToolError extends Error {
  constructor(
    message: string,
    readonly reason: ToolFailure,
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

const DEFAULT_MAX_OUTPUT = 256 * 1024 * 1024;
const STDERR_TAIL = 2048;
const PRLIMIT = ['/usr/bin/prlimit', '/bin/prlimit'].find((p) => existsSync(p)) ?? null;

/** The command line that runs `cmd` under the address-space cap. */
export function limitedCommand(cmd: string, args: string[], memoryMb: number): { file: string; argv: string[] } {
  const bytes = Math.round(memoryMb * 1024 * 1024);
  if (PRLIMIT) return { file: PRLIMIT, argv: [`--as=${bytes}`, '--', cmd, ...args] };
  // "$0" "$@" keep every argument as one word: nothing from a file name reaches the shell's parser.
  return { file: '/bin/sh', argv: ['-c', `ulimit -v ${Math.round(bytes / 1024)} && exec "$0" "$@"`, cmd, ...args] };
}

/** Standard output of the tool; throws ToolError when it is missing, too slow, too big or fails. */
export function runTool(run: ToolRun): Promise<Buffer> {
  const { file, argv } = limitedCommand(run.cmd, run.args, run.limits.memoryMb);
  const maxOutput = run.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...run.env } });
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: ToolError | null = null;
    const fail = (err: ToolError): void => {
      failure ??= err;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(
      () => fail(new ToolError(`${run.cmd}: timed out after ${run.limits.timeoutMs} ms`, 'timeout')),
      run.limits.timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutput) return fail(new ToolError(`${run.cmd}: output over ${maxOutput} bytes`, 'too_large'));
      chunks.push(chunk);
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => (stderr = (stderr + s).slice(-STDERR_TAIL)));
    // A tool that exits before reading all its input (a corrupt image) closes the pipe: not our error.
    child.stdin.on('error', () => undefined);
    child.stdin.end(run.input ?? Buffer.alloc(0));
    child.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ToolError(`${run.cmd}: ${err.message}`, err.code === 'ENOENT' ? 'missing' : 'failed'));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code === 0) return resolve(Buffer.concat(chunks));
      // A tool over its address-space cap fails an allocation: it aborts (SIGABRT) or says so.
      const outOfMemory = signal === 'SIGABRT' || /alloc|memory/i.test(stderr);
      const last = stderr.trim().split('\n').pop() ?? '';
      reject(new ToolError(`${run.cmd}: exited with ${signal ?? code}${last ? `: ${last}` : ''}`, outOfMemory ? 'too_large' : 'failed'));
    });
  });
}
