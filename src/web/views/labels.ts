// Chinese words the dashboard shows for the service's English codes. Pure.

/** The judgement of an email that is not an application (the recorded reason is English, for logs). */
export function judgementLabel(isSubmission: boolean | null, reason: string | null): string {
  if (isSubmission === null) return '待处理';
  if (isSubmission) return '申报材料';
  const r = (reason ?? '').toLowerCase();
  if (r.includes('read receipt')) return '已读回执';
  if (r.includes('delivery')) return '退信';
  if (r.includes('auto-reply')) return '自动回复';
  if (r.includes('question')) return '咨询';
  if (r.includes('spam') || r.includes('unrelated')) return '广告或无关邮件';
  return '非申报邮件';
}

export const STATUS_LABELS: Record<string, string> = {
  new: '待处理',
  queued: '排队中',
  processing: '处理中',
  retry_wait: '等待重试',
  done: '已处理',
};

export const RUN_LABELS: Record<string, string> = { ok: '成功', failed: '失败' };

export const ACK_STATE_LABELS: Record<string, string> = {
  held: '暂缓（待操作员放行）',
  queued: '待发送',
  sending: '发送中',
  sent: '已发送',
  failed: '发送失败',
  suppressed: '不发送',
  dry_run: '演练（未实际发送）',
  unknown: '状态不明（需人工确认）',
};

export const JOB_STATE_LABELS: Record<string, string> = {
  waiting: '等待',
  active: '进行中',
  delayed: '延迟',
  failed: '失败',
  completed: '完成',
  prioritized: '优先',
};

export const QUEUE_LABELS: Record<string, string> = { ingest: '邮件解析', ack: '回执发送' };

export const EVENT_LABELS: Record<string, string> = {
  created: '创建',
  changed: '更新',
  merged: '合并',
  emptied: '清空',
  reviewed: '审核',
};

export const AUDIT_LABELS: Record<string, string> = {
  'application.review': '审核申报',
  'message.reprocess': '重新处理邮件',
  'job.retry': '重试任务',
  'ack.resend': '重发回执',
  'ack.release': '放行回执',
  'user.add': '添加用户',
  'user.password': '重置密码',
  'user.disable': '停用用户',
  'user.enable': '启用用户',
  'user.role': '更改角色',
  'export.xlsx': '导出汇总表',
  'export.csv': '导出 CSV',
  'auth.login': '登录',
  'auth.logout': '退出',
  'auth.login_failed': '登录失败',
};

export const FLAG_KIND_LABELS: Record<string, string> = {
  LATE: '逾期',
  MISSING_ATTACHMENT: '缺少材料',
  MISSING_FIELD: '缺少字段',
  INVALID_USCC: '信用代码无效',
  NON_WUHAN_USCC: '非武汉注册',
  INVALID_PHONE: '电话无效',
  OVER_LENGTH: '超出字数',
  INVALID_CHOICE: '选项无效',
  INCONSISTENT: '附件1与附件3不一致',
  SUBJECT_FORMAT: '主题格式不符',
  RESUBMISSION: '重复提交',
  NOT_A_SUBMISSION: '非申报邮件',
  EXTERNAL_LINK: '外部链接',
  SCANNED_PDF: '扫描件',
  UNREADABLE_ATTACHMENT: '附件无法读取',
  SEAL_MISSING: '缺少公章',
  SCAN_MISMATCH: '扫描件单位不符',
};

export const flagKindLabel = (code: string): string => FLAG_KIND_LABELS[code.split(':')[0]!] ?? code;
