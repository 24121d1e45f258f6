// The memory limit of a parse process, held by the kernel rather than by V8 alone. V8's
// --max-old-space-size caps only the JavaScript heap: Buffers, inflated zip parts, strings
// handed to native code and the allocator's own arenas live outside it (a 20 MB CSV took 1.6 GB
// RSS under a 512 MB heap cap). RLIMIT_DATA counts every private writable mapping (Linux ≥ 4.7:
// brk and anonymous mmap alike) but not address space merely reserved (V8's PROT_NONE cages,
// WebAssembly guard regions), so Node starts and runs normally under it and an allocation past
// it fails: V8 reports "out of memory" and aborts, or a Buffer allocation throws a RangeError.
// prlimit (util-linux, essential in Debian, so present in node:*-bookworm-slim) sets the limit
// and then execs node, so the child keeps its pid and signals reach it directly.
import { accessSync, constants } from 'node:fs';

const PRLIMIT_PATHS = ['/usr/bin/prlimit', '/bin/prlimit'];

let prlimit: string | null | undefined;

/** prlimit's path on Linux, or null where the OS limit cannot be set (V8's heap cap alone then). */
export function prlimitPath(): string | null {
  if (prlimit !== undefined) return prlimit;
  prlimit = null;
  if (process.platform !== 'linux') return prlimit;
  for (const path of PRLIMIT_PATHS) {
    try {
      accessSync(path, constants.X_OK);
      return (prlimit = path);
    } catch {
      // not here; try the next place
    }
  }
  return prlimit;
}

/**
 * V8's old generation gets three quarters of the process limit: the young generation, code and
 * the parsers' native memory need the rest. A heap that fills up then fails with V8's own
 * message before the kernel refuses an allocation somewhere less tidy.
 */
export function heapMbFor(memoryMb: number): number {
  return Math.max(16, Math.floor(memoryMb * 0.75));
}

/** The command that runs `argv` (node and its arguments) under a data limit of `memoryMb`. */
export function limitedCommand(argv: string[], memoryMb: number): { command: string; args: string[]; osLimit: boolean } {
  const wrapper = prlimitPath();
  if (!wrapper) return { command: argv[0], args: argv.slice(1), osLimit: false };
  const bytes = memoryMb * 1024 * 1024;
  return { command: wrapper, args: [`--data=${bytes}:${bytes}`, '--', ...argv], osLimit: true };
}

/**
 * What a process that ran out of memory leaves on stderr: V8's fatal report ("JavaScript heap out
 * of memory", "Committing semi space failed. Allocation failed"), or C++'s std::bad_alloc.
 */
export const OUT_OF_MEMORY = /out of memory|allocation failed|bad_alloc|Cannot allocate memory/i;
