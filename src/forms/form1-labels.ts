// The labels of 附件1 (基本信息征集表) and how a text is recognized as one. Matching is on the
// normalized text; a label may carry its value inline ("单位名称:XX", "…个人敏感信息。☑是□否").
import { norm, originalOffset } from './text.ts';

export type UnitKey = 'unit_name' | 'uscc' | 'unit_address' | 'contact' | 'contact_title' | 'contact_phone' | 'declared_date';
export type CaseKey =
  | 'case_name'
  | 'dataset'
  | 'category'
  | 'structured'
  | 'unstructured'
  | 'directions'
  | 'industries'
  | 'modalities'
  | 'agree_publicity'
  | 'agree_listing'
  | 'listed_elsewhere'
  | 'involves_personal_info'
  | 'supported_models'
  | 'overview'
  | 'scenarios';
export type LabelKey = UnitKey | CaseKey | 'unit_section' | 'case_marker' | 'end';

const LABELS: { key: LabelKey; re: RegExp }[] = [
  { key: 'unit_section', re: /^申报单位(基本)?信息/ },
  { key: 'case_marker', re: /^案例([0-9]+|[一二三四五六七八九十]+)(的)?(简要|基本)?信息/ },
  { key: 'unit_name', re: /^(申报)?单位名称(\(盖章\))?|^申报(单位|主体)(?=$|\(|:)/ },
  { key: 'uscc', re: /^(统一)?社会信用代码/ },
  { key: 'unit_address', re: /^(申报)?单位(注册|通讯|通信)?地址|^(注册|通讯|通信)?地址/ },
  { key: 'contact', re: /^(单位)?(负责人|联系人)(、|,|及|和|\/)?(姓名)?(、|,|及|和|\/)?(职务)?(、|,|及|和|\/)?(联系方式|联系电话|电话)?/ },
  // 负责人 / 职务 / 联系方式 on rows of their own instead of the template's one combined row.
  { key: 'contact_title', re: /^(职务|职位|职称)/ },
  { key: 'contact_phone', re: /^(联系方式|联系电话|手机号码|手机号|手机|电话)/ },
  { key: 'declared_date', re: /^申报(日期|时间)/ },
  { key: 'case_name', re: /^(数据集)?案例名称/ },
  { key: 'dataset', re: /^数据集名称((及|和|与|、|\/)类别)?/ },
  { key: 'category', re: /^(数据集)?(类别|分类)/ },
  { key: 'unstructured', re: /^非结构化数据(集)?(的)?规模/ },
  { key: 'structured', re: /^结构化数据(集)?(的)?规模/ },
  { key: 'directions', re: /^申报方向/ },
  { key: 'industries', re: /^(案例)?(涉及|所属)?(的)?行业(\/|、|或|及)?领域|^案例涉及行业/ },
  { key: 'modalities', re: /^数据(集)?模态(及规模)?/ },
  { key: 'agree_publicity', re: /^.{0,24}是否同意.{0,30}?宣传[。.?]?/ },
  { key: 'listed_elsewhere', re: /^.{0,10}是否已(经)?在.{0,30}?上架[。.?]?/ },
  { key: 'agree_listing', re: /^.{0,10}是否同意.{0,30}?上架[。.?]?/ },
  { key: 'involves_personal_info', re: /^.{0,10}是否(涉及|包含|含有|含).{0,12}?个人.{0,6}?信息[。.?]?/ },
  { key: 'supported_models', re: /^已(服务)?支撑(的)?(人工智能)?(算法)?模型/ },
  { key: 'overview', re: /^数据集概况/ },
  { key: 'scenarios', re: /^应用场景(介绍)?/ },
  { key: 'end', re: /^声明|^注:如有多页/ },
];

const TICK_KEYS = new Set<LabelKey>([
  'directions',
  'industries',
  'modalities',
  'agree_publicity',
  'agree_listing',
  'listed_elsewhere',
  'involves_personal_info',
]);

/** Hints printed under a label: (盖章), (单位:行/条), (不超过200字), (可多选). */
const HINT = /^\([^()]{0,14}\)/;

/**
 * A label's hint met on its own (a converter split the label cell into lines): "(不超过200字)",
 * "(单位:行/条)". It belongs to the label, never to the value.
 */
export function isLabelHint(text: string): boolean {
  return /^\((单位|不超过|不少于|限|可多选|多选|单选|盖章|[0-9]+字)[^()]{0,14}\)$/.test(norm(text));
}

export type LabelMatch = {
  key: LabelKey;
  /** Case number of a "案例N简要信息" marker. */
  caseNumber?: string;
  /** The value written after the label in the same text, original spelling; '' if none. */
  inline: string;
};

/** Recognizes a label at the start of a text; null when the text is a value. */
export function matchLabel(text: string): LabelMatch | null {
  const n = norm(text);
  for (const { key, re } of LABELS) {
    const m = re.exec(n);
    if (!m) continue;
    let rest = n.slice(m[0].length);
    let consumed = m[0].length;
    for (let h = HINT.exec(rest); h; h = HINT.exec(rest)) {
      rest = rest.slice(h[0].length);
      consumed += h[0].length;
    }
    const caseNumber = key === 'case_marker' ? m[1] : undefined;
    if (rest === '' || key === 'end' || key === 'case_marker' || key === 'unit_section') {
      return { key, caseNumber, inline: '' };
    }
    // A value written inline after a colon, or boxes after a question in the same cell.
    const colon = /^[:;]/.test(rest);
    if (colon || (TICK_KEYS.has(key) && /[□☐☑■√✓✔☒⊠▣]/.test(rest))) {
      const original = text.slice(originalOffset(text, consumed)).replace(/^[\s\u3000]*[:：;；]?/, '');
      return { key, caseNumber, inline: original.trim() };
    }
    return null;
  }
  return null;
}

export function isCaseKey(key: LabelKey): key is CaseKey {
  return ![
    'unit_name',
    'uscc',
    'unit_address',
    'contact',
    'contact_title',
    'contact_phone',
    'declared_date',
    'unit_section',
    'case_marker',
    'end',
  ].includes(key);
}
