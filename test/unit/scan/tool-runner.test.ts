import { describe, expect, it } from 'vitest';
import { limitedCommand, runTool, ToolError } from '../../../src/scan/tool-runner.ts';

const limits = { timeoutMs: 5_000, memoryMb: 256 };

describe('runTool', () => {
  it('returns standard output and feeds standard input', async () => {
    const out = await runTool({ cmd: 'cat', args: [], input: Buffer.from('页面'), limits });
    expect(out.toString('utf8')).toBe('页面');
  });

  it('kills a tool that runs past its time limit', async () => {
    const started = Date.now();
    const err = await runTool({ cmd: 'sleep', args: ['10'], limits: { ...limits, timeoutMs: 200 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    expect((err as ToolError).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it('kills a tool whose output grows past the cap', async () => {
    const err = await runTool({ cmd: 'head', args: ['-c', '5000000', '/dev/zero'], limits, maxOutputBytes: 100_000 }).catch(
      (e: unknown) => e,
    );
    expect((err as ToolError).reason).toBe('too_large');
  });

  it('caps the address space, so a tool cannot take more memory than allowed', async () => {
    // 64 MiB of address space is too little for a Node process to even start.
    const err = await runTool({ cmd: process.execPath, args: ['-e', '0'], limits: { ...limits, memoryMb: 64 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ToolError);
    const { argv } = limitedCommand('tesseract', ['stdin', 'stdout'], 1024);
    expect(argv.join(' ')).toMatch(/--as=1073741824 -- tesseract stdin stdout|ulimit -v 1048576/);
  });

  it('fails cleanly for a tool that is not installed or exits non-zero', async () => {
    await expect(runTool({ cmd: 'no-such-tool-for-intake', args: [], limits })).rejects.toBeInstanceOf(ToolError);
    await expect(runTool({ cmd: 'false', args: [], limits })).rejects.toThrow(/exited with 1/);
  });
});
