// The parameters of one call for submissions. The bureau's next call changes this data, not code.

export type Campaign = {
  /** Human name, for logs and the dashboard. */
  name: string;
  /** Who runs the call (the signature of acknowledgements). */
  organizer: string;
  /** The notice's contact line, quoted in every acknowledgement. */
  contact: string;
  /** Last instant that is on time; received strictly after it is late. */
  deadline: Date;
  /** Fixed suffix of the subject `单位名称+<suffix>`. */
  subjectSuffix: string;
  /** Materials whose absence raises MISSING_ATTACHMENT:<kind>. */
  requiredMaterials: readonly ('form1' | 'form2' | 'form3' | 'stamped_scan' | 'samples')[];
  /** Character limits per case field (trimmed, newlines excluded). */
  lengthLimits: Readonly<Record<string, number>>;
  /** Administrative division prefixes (characters 3-8 of the USCC) that count as registered here. */
  regionPrefixes: readonly string[];
  /** IANA zone in which times are shown. */
  timeZone: string;
  /** Allowed values of the option fields of 附件1 (INVALID_CHOICE outside them). */
  options: CampaignOptions;
  /** Required fields per document; empty ones raise MISSING_FIELD (only when that document was read). */
  requiredFields: RequiredFields;
  /** Case fields where at least one option must be ticked (INVALID_CHOICE when none). */
  requiredChoices: readonly ('directions' | 'industries' | 'modalities')[];
  /** Case yes/no fields that must be answered (INVALID_CHOICE when neither 是 nor 否). */
  requiredBooleans: readonly ('agree_publicity' | 'agree_listing' | 'listed_elsewhere' | 'involves_personal_info')[];
};

export type CampaignOptions = {
  dataset_category: readonly string[];
  directions: readonly string[];
  industries: readonly string[];
  modalities: readonly string[];
};

export type RequiredFields = {
  submission: readonly ('unit_name' | 'uscc' | 'unit_address' | 'contact_name' | 'contact_title' | 'contact_phone' | 'declared_date')[];
  case: readonly ('case_name' | 'dataset_name' | 'dataset_category' | 'supported_models' | 'overview' | 'scenarios')[];
  intro: readonly ('background' | 'innovation' | 'effects' | 'materials')[];
};

export const DEFAULT_DEADLINE = '2025-11-05T23:59:59+08:00';

export const wuhanDatasetCall2025: Campaign = {
  name: '武汉市第三批行业高质量数据集应用典型案例征集',
  organizer: '武汉市数据局',
  contact: '张嵘钧 张晓琪，电话 65770039',
  deadline: new Date(DEFAULT_DEADLINE),
  subjectSuffix: '武汉市数据集征集',
  requiredMaterials: ['form1', 'form2', 'form3', 'stamped_scan', 'samples'],
  lengthLimits: { overview: 200, scenarios: 500 },
  regionPrefixes: ['4201'],
  timeZone: 'Asia/Shanghai',
  options: {
    dataset_category: ['通识数据集', '行业通识数据集', '行业专识数据集'],
    directions: ['建设应用', '模型验证', '流通交易', '技术创新', '生态培育', '其他'],
    industries: [
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
      '其他',
    ],
    modalities: ['文本', '图像', '音频', '视频', '其他'],
  },
  requiredFields: {
    submission: ['unit_name', 'uscc', 'unit_address', 'contact_name', 'contact_phone'],
    case: ['case_name', 'dataset_name', 'dataset_category', 'overview', 'scenarios'],
    intro: ['background', 'innovation', 'effects'],
  },
  requiredChoices: ['directions', 'industries'],
  requiredBooleans: ['agree_publicity', 'agree_listing', 'involves_personal_info'],
};

/** Campaign with the deadline overridden (INTAKE_DEADLINE). */
export function campaignWithDeadline(deadline: Date, base: Campaign = wuhanDatasetCall2025): Campaign {
  return { ...base, deadline };
}
