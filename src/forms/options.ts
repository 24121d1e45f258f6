// The option lists of the submission schema and how the form writes them
// ("高质量数据集建设应用" is the option 建设应用). Longer spellings are listed first.

export type OptionSpec = { value: string; spellings: string[] };

const plain = (values: string[]): OptionSpec[] => values.map((value) => ({ value, spellings: [value] }));

export const DIRECTIONS: OptionSpec[] = [
  { value: '建设应用', spellings: ['高质量数据集建设应用', '数据集建设应用', '建设应用'] },
  { value: '模型验证', spellings: ['高质量数据集模型验证', '数据集模型验证', '模型验证'] },
  { value: '流通交易', spellings: ['高质量数据集流通交易', '数据集流通交易', '流通交易'] },
  { value: '技术创新', spellings: ['高质量数据集技术创新', '数据集技术创新', '技术创新'] },
  // The notice's text says 生态构建 where the form says 生态培育.
  { value: '生态培育', spellings: ['高质量数据集生态培育', '数据集生态培育', '生态培育', '生态构建'] },
  { value: '其他', spellings: ['其他', '其它'] },
];

export const INDUSTRIES: OptionSpec[] = plain([
  '科学研究',
  '工业制造',
  '农业农村',
  '交通运输',
  '金融服务',
  '医疗卫生',
  '教育教学',
  '商贸物流',
  '人力资源',
  '文化旅游',
  '绿色低碳',
  '城市治理',
  '具身智能',
  '智能驾驶',
  '低空经济',
]).concat([{ value: '其他', spellings: ['其他', '其它'] }]);

export const MODALITIES: OptionSpec[] = [
  { value: '文本', spellings: ['文本'] },
  { value: '图像', spellings: ['图像', '图片'] },
  { value: '音频', spellings: ['音频', '语音'] },
  { value: '视频', spellings: ['视频'] },
  { value: '其他', spellings: ['其他', '其它'] },
];

export const CATEGORIES: OptionSpec[] = [
  { value: '行业通识数据集', spellings: ['行业通识数据集', '行业通识'] },
  { value: '行业专识数据集', spellings: ['行业专识数据集', '行业专识'] },
  { value: '通识数据集', spellings: ['通识数据集', '通识'] },
];

export const YES_NO: OptionSpec[] = [
  { value: '是', spellings: ['是'] },
  { value: '否', spellings: ['否'] },
];

/** The schema's category for a written one: "行业通识" → 行业通识数据集; null if none is named. */
export function canonicalCategory(text: string | null | undefined): string | null {
  if (!text) return null;
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (t.includes('专识')) return '行业专识数据集';
  if (t.includes('行业通识')) return '行业通识数据集';
  if (t.includes('通识')) return '通识数据集';
  return null;
}
