// Minimal, valid-by-default extractions for focused rule tests: each test changes one thing.
import type { Case, Extraction, FoundFile, MaterialKind, ParsedEmail, Submission, SummaryRow } from '../../../src/types.ts';

export function makeCase(over: Partial<Case> = {}): Case {
  return {
    case_name: '交通事件图像数据集赋能城市智慧交管',
    dataset_name: '城市交通事件图像数据集',
    dataset_category: '行业专识数据集',
    structured_rows: 100000,
    structured_rows_text: '10万条',
    unstructured_gb: 2048,
    unstructured_gb_text: '2TB',
    directions: ['建设应用'],
    industries: ['交通运输'],
    modalities: ['图像'],
    agree_publicity: true,
    agree_listing: true,
    listed_elsewhere: false,
    involves_personal_info: false,
    supported_models: '交通事件识别模型',
    overview: '数据集概况。',
    scenarios: '应用场景。',
    ...over,
  };
}

export function makeRow(over: Partial<SummaryRow> = {}): SummaryRow {
  return {
    seq: 1,
    case_name: '交通事件图像数据集赋能城市智慧交管',
    dataset_category: '行业专识数据集',
    industry: '交通运输',
    direction: '高质量数据集建设应用',
    structured_scale: '100000',
    unstructured_scale: '2048GB',
    supported_models: '交通事件识别模型',
    benefits: '—',
    unit_name: '武汉光谷云图信息技术有限公司',
    contact: '李明 13871234567',
    ...over,
  };
}

export function makeSubmission(over: Partial<Submission> = {}): Submission {
  return {
    unit_name: '武汉光谷云图信息技术有限公司',
    uscc: '91420100MAHY6MBT91',
    unit_address: '武汉市东湖新技术开发区光谷大道77号',
    contact_name: '李明',
    contact_title: '总经理',
    contact_phone: '13871234567',
    declared_date: '2025-10-31',
    cases: [makeCase()],
    intro: { background: '背景', innovation: '创新', effects: '成效', materials: null },
    summary_rows: [makeRow()],
    ...over,
  };
}

export function makeFile(filename: string, kind: MaterialKind, over: Partial<FoundFile> = {}): FoundFile {
  return {
    filename,
    contentType: 'application/octet-stream',
    content: Buffer.alloc(0),
    size: 0,
    sha256: '',
    parentIndex: null,
    depth: 0,
    kind,
    readable: true,
    format: 'docx',
    ...over,
  };
}

export function allMaterials(): FoundFile[] {
  return [
    makeFile('附件1.docx', 'form1'),
    makeFile('附件2.docx', 'form2'),
    makeFile('附件3.xlsx', 'form3', { format: 'xlsx' }),
    makeFile('盖章件.pdf', 'stamped_scan', { format: 'pdf', parsed: { format: 'pdf', blocks: [], text: 'x', hasTextLayer: true } }),
    makeFile('样例.zip', 'samples', { format: 'zip' }),
  ];
}

export function makeEmail(over: Partial<ParsedEmail> = {}): ParsedEmail {
  return {
    messageId: '<m@example.cn>',
    subject: '武汉光谷云图信息技术有限公司+武汉市数据集征集',
    fromAddress: 'liming@example.cn',
    fromName: '李明',
    sentAt: null,
    receivedAt: new Date('2025-11-03T10:12:49+08:00'),
    headers: {},
    text: '',
    html: '',
    attachments: [],
    isReport: false,
    ...over,
  };
}

export function makeExtraction(over: Partial<Extraction> = {}): Extraction {
  return {
    email: makeEmail(),
    files: allMaterials(),
    submission: makeSubmission(),
    externalLinks: [],
    notSubmissionReason: null,
    ...over,
  };
}
