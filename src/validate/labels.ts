// Chinese labels used in messages, keyed by the schema's field keys.

export const MATERIAL_LABELS: Record<string, string> = {
  form1: '附件1 基本信息征集表',
  form2: '附件2 案例介绍',
  form3: '附件3 汇总表',
  stamped_scan: '盖章扫描件',
  samples: '数据集样例集',
};

export const FIELD_LABELS: Record<string, string> = {
  unit_name: '单位名称',
  uscc: '统一社会信用代码',
  unit_address: '单位地址',
  contact_name: '负责人',
  contact_title: '职务',
  contact_phone: '联系方式',
  declared_date: '申报日期',
  cases: '案例简要信息',
  intro: '附件2 案例介绍',
  summary_rows: '附件3 汇总表内容',
  case_name: '数据集案例名称',
  dataset_name: '数据集名称',
  dataset_category: '数据集类别',
  structured_rows: '结构化数据集规模',
  unstructured_gb: '非结构化数据集规模',
  directions: '申报方向',
  industries: '行业/领域',
  modalities: '数据集模态',
  agree_publicity: '是否同意在市级部门、媒体宣传',
  agree_listing: '是否同意在数据流通交易基础设施上架',
  listed_elsewhere: '是否已在其他地区/平台上架',
  involves_personal_info: '是否涉及个人敏感信息',
  supported_models: '已支撑算法模型',
  overview: '数据集概况',
  scenarios: '应用场景介绍',
  background: '一、背景描述',
  innovation: '二、创新点',
  effects: '三、应用成效',
  materials: '四、相关材料',
};

/** "案例2的数据集概况" for `cases[2].overview`, "附件2“一、背景描述”" for `intro.background`. */
export function describeKey(key: string): string {
  const caseField = /^cases\[(\d+)\]\.(\w+)$/.exec(key);
  if (caseField) return `案例${caseField[1]}的${FIELD_LABELS[caseField[2]] ?? caseField[2]}`;
  const introField = /^intro\.(\w+)$/.exec(key);
  if (introField) return `附件2“${FIELD_LABELS[introField[1]] ?? introField[1]}”`;
  return FIELD_LABELS[key] ?? key;
}
