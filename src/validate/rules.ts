// The rules table: every flag the bureau sees, with its Chinese message and severity.
// Checks are pure functions over the extraction; the call's parameters come from the Campaign.
// docs/validation-rules.md documents this table (a unit test keeps the two in step).
import { toShanghaiText } from '../campaign/deadline.ts';
import { describeKey, MATERIAL_LABELS } from './labels.ts';
import { missingMaterials, scannedPdfs, unreadableFiles } from './check-materials.ts';
import { invalidChoices, missingFields, overLength } from './check-fields.ts';
import { invalidPhone, invalidUscc, nonLocalUscc } from './check-identity.ts';
import { inconsistencies } from './check-consistency.ts';
import { externalLink, late, resubmission, subjectFormat } from './check-mail.ts';
import { scanMismatch, sealMissing } from './check-scan.ts';
import type { Finding, Rule } from './rule-types.ts';

const p = (f: Finding, name: string): string => String(f.params?.[name] ?? '');

function choiceMessage(f: Finding): string {
  const what = describeKey(f.key ?? '');
  switch (p(f, 'problem')) {
    case 'boolean':
      return `${what}未选择“是”或“否”，请勾选其一。`;
    case 'outside':
      return `${what}填写的“${p(f, 'value')}”不在可选范围内，请按模板选项勾选。`;
    default:
      return `${what}未勾选任何选项，请至少勾选一项。`;
  }
}

/** The cause decides the words: a file only too large to read is not called damaged. */
function unreadableMessage(filename: string, reason: string): string {
  switch (reason) {
    case 'too_large':
      return `附件“${filename}”过大，超过系统读取上限（或为压缩炸弹），未能读取其内容；文件已保存。如为申报表格，请另存为较小的文件后重新发送。`;
    case 'too_many_parts':
      return `邮件包含的MIME部分过多，超过系统读取上限，其后的部分未读取，已原样保存为“${filename}”；请将附件打包为压缩文件或分几封邮件重新发送。`;
    case 'nested':
      return `附件“${filename}”嵌套层数过多（压缩包或转发邮件层层嵌套），未能读取其内容；文件已保存，请直接附上其中的文件重新发送。`;
    default:
      return `附件“${filename}”无法读取（文件损坏、加密或格式不受支持），请重新发送可打开的文件。`;
  }
}

export const NOT_A_SUBMISSION_RULE: Rule = {
  code: 'NOT_A_SUBMISSION',
  severity: 'info',
  parameter: '—',
  message: () => '该邮件不含申报材料（咨询、自动回复、退信、已读回执或广告等），已存档备查，不作为申报处理，也不发送回执。',
  check: () => [],
};

export const RULES: readonly Rule[] = [
  {
    code: 'LATE',
    severity: 'error',
    parameter: 'deadline',
    message: (f) => `邮件收到时间为${toShanghaiText(p(f, 'received'))}（北京时间），晚于征集截止时间${toShanghaiText(p(f, 'deadline'))}。`,
    check: late,
  },
  {
    code: 'MISSING_ATTACHMENT',
    severity: 'error',
    parameter: 'requiredMaterials',
    message: (f) => `邮件中缺少${MATERIAL_LABELS[p(f, 'kind')] ?? p(f, 'kind')}，请补充发送。`,
    check: missingMaterials,
  },
  {
    code: 'MISSING_FIELD',
    severity: 'error',
    parameter: 'requiredFields',
    message: (f) => `${describeKey(f.key ?? '')}未填写，请补充。`,
    check: missingFields,
  },
  {
    code: 'INVALID_USCC',
    severity: 'error',
    parameter: '—',
    message: (f) => `统一社会信用代码“${p(f, 'code')}”格式或校验位不正确，请核对。`,
    check: invalidUscc,
  },
  {
    code: 'NON_WUHAN_USCC',
    severity: 'error',
    parameter: 'regionPrefixes',
    message: (f) =>
      `统一社会信用代码“${p(f, 'code')}”的登记管理机关行政区划码为${p(f, 'division')}，不属于武汉市（4201xx），不符合申报主体要求。`,
    check: nonLocalUscc,
  },
  {
    code: 'INVALID_PHONE',
    severity: 'warning',
    parameter: '—',
    message: (f) => `联系方式“${p(f, 'phone')}”不是有效的手机号码或固定电话（如 13812345678、027-87654321），请核对。`,
    check: invalidPhone,
  },
  {
    code: 'OVER_LENGTH',
    severity: 'warning',
    parameter: 'lengthLimits',
    message: (f) => `${describeKey(f.key ?? '')}共${p(f, 'length')}字，超过${p(f, 'limit')}字的限制，请精简。`,
    check: overLength,
  },
  {
    code: 'INVALID_CHOICE',
    severity: 'error',
    parameter: 'options, requiredChoices, requiredBooleans',
    message: choiceMessage,
    check: invalidChoices,
  },
  {
    code: 'INCONSISTENT',
    severity: 'warning',
    parameter: 'options.dataset_category',
    message: (f) =>
      f.key === 'unit_name'
        ? `附件3中的申报单位“${p(f, 'form3')}”与附件1的单位名称“${p(f, 'form1')}”不一致。`
        : `附件3第${p(f, 'index')}行与附件1案例${p(f, 'index')}的${describeKey(f.key ?? '').replace(/^案例\d+的/, '')}不一致（附件1：${p(f, 'form1')}；附件3：${p(f, 'form3')}）。`,
    check: inconsistencies,
  },
  {
    code: 'SUBJECT_FORMAT',
    severity: 'warning',
    parameter: 'subjectSuffix',
    message: (f) => `邮件主题“${p(f, 'subject')}”不符合“单位名称+${p(f, 'suffix')}”的格式要求。`,
    check: subjectFormat,
  },
  {
    code: 'UNREADABLE_ATTACHMENT',
    severity: 'error',
    parameter: '—',
    message: (f) => unreadableMessage(p(f, 'filename'), p(f, 'reason')),
    check: unreadableFiles,
  },
  {
    code: 'SCANNED_PDF',
    severity: 'info',
    parameter: '—',
    message: (f) => `PDF文件“${p(f, 'filenames')}”为图片扫描件，没有文字层，已保存，相关内容需人工核对。`,
    check: scannedPdfs,
  },
  {
    code: 'SEAL_MISSING',
    severity: 'error',
    parameter: '—',
    message: () => '盖章扫描件的各页均未发现红色圆形公章，请加盖单位公章后重新扫描发送。',
    check: sealMissing,
  },
  {
    code: 'SCAN_MISMATCH',
    severity: 'error',
    parameter: '—',
    message: (f) =>
      `盖章扫描件上的统一社会信用代码“${p(f, 'scan')}”与附件1填写的“${p(f, 'form')}”不一致，扫描件可能属于其他单位，请核对后重新发送本单位的盖章扫描件。`,
    check: scanMismatch,
  },
  {
    code: 'EXTERNAL_LINK',
    severity: 'warning',
    parameter: '—',
    message: (f) =>
      `申报材料以下载链接形式发送（共${p(f, 'count')}个链接，已记录），邮件本身未附带的材料仍视为缺失，请以附件形式补充发送。`,
    check: externalLink,
  },
  {
    code: 'RESUBMISSION',
    severity: 'info',
    parameter: '—',
    message: () => '同一单位此前已提交过申报材料，本邮件作为新版本取代之前的版本，历史版本均保留。',
    check: resubmission,
  },
];
