// The blank template's instruction text (from the notice's 附件1/附件2), which applicants often
// leave in a cell or under a heading. Left in place it counts as empty, never as a value.
import { norm } from './text.ts';

const INSTRUCTIONS = [
  // 附件1
  '对数据集进行简要描述,包括数据集总量、建设目的、建设方法、用途及模型验证等',
  '对数据集已落地的或潜在的应用场景及其在相关领域的应用价值进行简要阐述。如带动投资增长、促进就业等',
  '填写人工智能模型、智能体名称及数量,若没有,填无',
  '如本次申报涉及多个数据集,请复制案例1简要信息部分表格,并进行填写,以此类推',
  // 附件2
  '申报案例建设的背景描述,包括建设该数据集的预期目标是什么,拟解决该行业人工智能应用过程中的哪些问题等。',
  '根据案例申报方向,总结高质量数据集创新点和亮点,包括但不限于在数据集建设应用、模型验证、流通交易、技术创新、生态培育等方面的成功经验。',
  '总结取得的经济效益和社会效益,尽可能用量化指标描述。',
  '申报单位申报单位营业执照、信用中国网站截图等。',
  '申报单位营业执照、信用中国网站截图等。',
].map(key);

/** Comparison key: normalized, brackets and sentence punctuation dropped. */
function key(text: string): string {
  return norm(text).replace(/[()[\]【】<>《》,.;:!?、。,;:!?·…-]/g, '');
}

/** Words that make a bracketed cell an instruction rather than a value. */
const INSTRUCTION_WORDS = /填写|请|简要描述|简要阐述|进行描述|如本次申报|以此类推|若没有|不超过\d+字|字左右/;

/** True when the text is (a fragment of) the template's own instruction text. */
export function isTemplateText(text: string | null | undefined): boolean {
  if (!text) return false;
  const k = key(text);
  if (k.length < 6) return false;
  if (INSTRUCTIONS.some((t) => t.includes(k) || (k.includes(t) && k.length <= t.length + 12))) return true;
  // "(…请填写…)": a whole cell in brackets that instructs is the template's, whatever its words.
  const n = norm(text);
  return /^[(（].*[)）]$/.test(n) && INSTRUCTION_WORDS.test(n);
}

/** The text, or null when it is empty or only template instruction text. */
export function valueOrNull(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  if (trimmed === '' || isTemplateText(trimmed)) return null;
  return trimmed;
}
