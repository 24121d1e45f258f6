// The one line that tells an operator what reading the stamped scan found: pages, where its text
// came from, the code read (and whether it is 附件1's), and the seal. Pure; shown on the message
// and application pages.
import type { ScanCheck } from '../../types.ts';
import { isValidUscc, normalizeUscc } from '../../validate/uscc.ts';

const SOURCE: Record<string, string> = { text_layer: '文字层', ocr: 'OCR识别' };

function isScanCheck(v: unknown): v is ScanCheck {
  return typeof v === 'object' && v !== null && 'pages' in v && 'seal' in v;
}

/** `formUscc`: 附件1's code, to say whether the scan's code is the same unit's. */
export function scanCheckLine(scan: unknown, formUscc?: unknown): string {
  if (!isScanCheck(scan)) return '未读取盖章扫描件';
  const source = scan.text_source ? SOURCE[scan.text_source] : '未能读取文字';
  let code = '未识别出有效的统一社会信用代码';
  if (scan.uscc) {
    code = `统一社会信用代码 ${scan.uscc}`;
    if (typeof formUscc === 'string' && isValidUscc(formUscc)) {
      code += normalizeUscc(formUscc) === normalizeUscc(scan.uscc) ? '（与附件1一致）' : '（与附件1不一致）';
    }
  }
  const seal = scan.seal === true ? '有红色圆形公章' : scan.seal === false ? '未发现红色圆形公章' : '无法判断公章（黑白扫描）';
  return `共 ${scan.pages} 页 · ${source} · ${code} · ${seal}`;
}
