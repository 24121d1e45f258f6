// Time and memory limits of the scan tools, from the parsers' settings (INTAKE_PARSE_TIMEOUT_MS,
// INTAKE_PARSE_MEMORY_MB): per page and per tool run, as the parsers have per file.
import { parseLimits } from '../config/env.ts';
import type { ToolLimits } from './tool-runner.ts';

/**
 * The address-space cap is twice the parsers' heap cap, and at least 1 GiB: it counts every
 * mapping of the process (tesseract maps its language model, 85 MB resident, far more reserved),
 * not only what it fills.
 */
export function scanToolLimits(): ToolLimits {
  const { timeoutMs, memoryMb } = parseLimits();
  return { timeoutMs, memoryMb: Math.max(1024, memoryMb * 2) };
}

/** The page thread's heap cap: the parsers' own (its pixels live outside the heap, in Buffers). */
export function pageThreadLimits(): ToolLimits {
  const { timeoutMs, memoryMb } = parseLimits();
  return { timeoutMs, memoryMb };
}
