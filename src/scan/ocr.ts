// Simplified Chinese OCR of one prepared page image with Debian's tesseract, one process per page.
// OMP_THREAD_LIMIT=1: pages already run in parallel (one process each), and tesseract's own
// OpenMP threads would only fight them for the same cores.
import { runTool, type ToolLimits } from './tool-runner.ts';

/** Text of the page; `ppi` tells tesseract the scale (a PNG from sharp carries none it trusts). */
export async function ocrPage(png: Buffer, ppi: number, limits: ToolLimits): Promise<string> {
  const out = await runTool({
    cmd: 'tesseract',
    // psm 3: automatic page layout, the forms are tables with text in cells.
    args: ['stdin', 'stdout', '-l', 'chi_sim', '--psm', '3', '--dpi', String(Math.round(ppi))],
    input: png,
    env: { OMP_THREAD_LIMIT: '1' },
    limits,
  });
  return out.toString('utf8');
}
