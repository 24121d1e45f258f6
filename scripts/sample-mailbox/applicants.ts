// The applicants of the project's own sample mailbox. All units, people, numbers and domains
// are fictional. Values are written the way applicants write them (text) next to what a
// correct extraction yields (numbers), so the expected JSON comes from the same data.

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid 统一社会信用代码 (GB 32100-2015 check character) from its first 17 characters. */
export function uscc(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

export type SampleCase = {
  case_name: string;
  dataset_name: string;
  dataset_category: '通识数据集' | '行业通识数据集' | '行业专识数据集';
  structured_rows: number | null;
  structured_rows_text: string;
  unstructured_gb: number | null;
  unstructured_gb_text: string;
  directions: string[];
  industries: string[];
  modalities: string[];
  agree_publicity: boolean;
  agree_listing: boolean;
  listed_elsewhere: boolean;
  involves_personal_info: boolean;
  supported_models: string;
  overview: string;
  scenarios: string;
  /** 附件3 columns that 附件1 does not carry. */
  summary: { industry: string; direction: string; structured_scale: string; unstructured_scale: string; benefits: string };
};

export type Applicant = {
  unit_name: string;
  short_name: string;
  uscc: string;
  unit_address: string;
  contact_name: string;
  contact_title: string;
  contact_phone: string;
  declared_date: string;
  email: string;
  cases: SampleCase[];
  intro: { background: string; innovation: string; effects: string; materials: string };
};

export const jiangcheng: Applicant = {
  unit_name: '武汉江城智算科技有限公司',
  short_name: '江城智算',
  uscc: uscc('91420106MA4KX7Q2H'),
  unit_address: '武汉市武昌区中北路108号楚天云大厦12楼',
  contact_name: '周晓燕',
  contact_title: '数据部主任',
  contact_phone: '13907181234',
  declared_date: '2025-10-30',
  email: 'zhouxy@jczs-tech.com.cn',
  cases: [
    {
      case_name: '长江航运船舶轨迹数据集赋能智慧港航调度',
      dataset_name: '长江中游船舶AIS轨迹数据集',
      dataset_category: '行业专识数据集',
      structured_rows: 35_000_000,
      structured_rows_text: '3500万条',
      unstructured_gb: 600,
      unstructured_gb_text: '图像 600GB',
      directions: ['建设应用', '模型验证'],
      industries: ['交通运输', '商贸物流'],
      modalities: ['文本', '图像'],
      agree_publicity: true,
      agree_listing: true,
      listed_elsewhere: false,
      involves_personal_info: false,
      supported_models: '船舶到港时间预测模型、江城航运大模型,共2个',
      overview:
        '数据集汇聚长江中游武汉段2021年以来的船舶AIS轨迹、港口作业记录及航道图像,共计轨迹记录3500万条、图像600GB。经清洗、补全和人工复核,轨迹完整率达99.2%。数据集用于船舶到港时间预测和锚地调度优化模型的训练与验证。',
      scenarios:
        '在港口调度场景,到港时间预测模型的平均误差由4.1小时降至1.3小时,锚地等待时间缩短18%。在航道安全场景,模型对异常停航、偏航行为自动预警,辅助海事部门提前处置。数据集已向3家航运企业授权使用,带动相关投资约3200万元,新增就业岗位46个。',
      summary: {
        industry: '交通运输、商贸物流',
        direction: '高质量数据集建设应用、高质量数据集模型验证',
        structured_scale: '35000000',
        unstructured_scale: '图像 600GB',
        benefits: '锚地等待时间缩短18%,带动投资3200万元',
      },
    },
  ],
  intro: {
    background:
      '长江中游航运繁忙,武汉港年货物吞吐量超过1亿吨。船舶到港时间不确定导致锚地拥堵、泊位空置并存,传统调度依赖人工经验。为提升港航协同效率,江城智算联合港航单位建设本数据集,目标是让到港预测误差控制在2小时以内。',
    innovation:
      '1.融合AIS轨迹、水位和港口作业数据,构建统一时空索引,解决多源数据时间不同步问题。\n2.采用轨迹插值与异常点剔除相结合的清洗方法,轨迹完整率由91%提升至99.2%。\n3.建立数据集与模型的月度迭代机制,模型误报样本回流标注。',
    effects:
      '数据集累计支撑模型训练120余次。经济效益方面,合作港口锚地等待时间缩短18%,年节约燃油及滞港费用约860万元。社会效益方面,船舶异常行为预警使相关水上险情处置时间缩短25%。',
    materials: '1.营业执照\n2.“信用中国”网站信用信息查询截图\n3.用户使用证明',
  },
};

export const chutian: Applicant = {
  unit_name: '武汉楚天康瑞医疗数据有限公司',
  short_name: '楚天康瑞',
  uscc: uscc('91420100MA49R3T6K'),
  unit_address: '武汉市江汉区建设大道568号新世界国贸大厦28楼',
  contact_name: '陈立群',
  contact_title: '总经理',
  contact_phone: '027-85551234',
  declared_date: '2025-11-05',
  email: 'chenlq@ctkr-med.cn',
  cases: [
    {
      case_name: '基层医疗影像数据集助力肺结节早筛',
      dataset_name: '基层医院胸部CT影像标注数据集',
      dataset_category: '行业专识数据集',
      structured_rows: 120_000,
      structured_rows_text: '12万条',
      unstructured_gb: 1536,
      unstructured_gb_text: '1.5TB',
      directions: ['建设应用', '技术创新'],
      industries: ['医疗卫生'],
      modalities: ['图像'],
      agree_publicity: true,
      agree_listing: false,
      listed_elsewhere: false,
      involves_personal_info: true,
      supported_models: '肺结节辅助诊断模型,共1个',
      overview:
        '数据集收集武汉市12家基层医院经脱敏处理的胸部CT影像2.1万例,形成结构化诊断记录12万条、影像1.5TB,由三甲医院影像科医生双人标注肺结节位置与性质。数据集用于肺结节检出模型训练和基层医院阅片质控。',
      scenarios:
        '在基层医院阅片场景,辅助诊断模型使肺结节检出敏感度达到94%,阅片时间缩短40%。在远程会诊场景,模型预筛结果随影像一同上传,上级医院医生可优先处理高风险病例。',
      summary: {
        industry: '医疗卫生',
        direction: '高质量数据集建设应用、高质量数据集技术创新',
        structured_scale: '12万条',
        unstructured_scale: '图像 1536GB',
        benefits: '阅片时间缩短40%,覆盖基层医院12家',
      },
    },
  ],
  intro: {
    background:
      '基层医院影像科医生短缺,肺结节漏诊率较高。现有公开数据集以三甲医院设备为主,与基层设备成像差异大。为此建设面向基层的胸部CT标注数据集。',
    innovation: '1.建立覆盖6种基层常见CT机型的成像标准化流程。\n2.采用双人标注加仲裁的质控机制,标注一致性达到0.91。',
    effects: '模型已在12家基层医院部署,累计辅助阅片8.6万例,发现早期肺结节1200余例。',
    materials: '1.营业执照\n2.医学伦理审查批件',
  },
};

export const zherui: Applicant = {
  unit_name: '武汉喆睿农业科技有限公司',
  short_name: '喆睿农业',
  uscc: uscc('91420112MA4F8PW3X'),
  unit_address: '武汉市东西湖区金银湖路18号',
  contact_name: '刘堃',
  contact_title: '技术总监',
  contact_phone: '15827001234',
  declared_date: '2025-11-01',
  email: 'liukun@zherui-agri.cn',
  cases: [
    {
      case_name: '水稻病虫害图像数据集支撑智能植保',
      dataset_name: '江汉平原水稻病虫害图像数据集',
      dataset_category: '行业通识数据集',
      structured_rows: null,
      structured_rows_text: '/',
      unstructured_gb: 320,
      unstructured_gb_text: '320GB',
      directions: ['建设应用'],
      industries: ['农业农村'],
      modalities: ['图像'],
      agree_publicity: true,
      agree_listing: true,
      listed_elsewhere: false,
      involves_personal_info: false,
      supported_models: '稻瘟病识别模型、稻飞虱计数模型,共2个',
      overview:
        '数据集采集自江汉平原42个水稻种植示范点,包含田间病虫害图像18万张、总量320GB,覆盖稻瘟病、纹枯病、稻飞虱等15类病虫害,由植保专家逐张标注。数据集用于病虫害识别与计数模型训练。',
      scenarios:
        '在田间巡查场景,农户用手机拍照即可识别病虫害并获得防治建议,识别准确率92%。在植保服务场景,无人机巡田影像经模型分析后生成精准施药处方,农药用量减少15%。',
      summary: {
        industry: '农业农村',
        direction: '高质量数据集建设应用',
        structured_scale: '/',
        unstructured_scale: '图像 320GB',
        benefits: '农药用量减少15%,服务农户3000余户',
      },
    },
  ],
  intro: { background: '', innovation: '', effects: '', materials: '' },
};
