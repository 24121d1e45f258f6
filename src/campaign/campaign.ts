// The parameters of one call for submissions. The bureau's next call changes this data, not code.

export type Campaign = {
  /** Human name, for logs and the dashboard. */
  name: string;
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
};

export const DEFAULT_DEADLINE = '2025-11-05T23:59:59+08:00';

export const wuhanDatasetCall2025: Campaign = {
  name: '武汉市第三批行业高质量数据集应用典型案例征集',
  deadline: new Date(DEFAULT_DEADLINE),
  subjectSuffix: '武汉市数据集征集',
  requiredMaterials: ['form1', 'form2', 'form3', 'stamped_scan', 'samples'],
  lengthLimits: { overview: 200, scenarios: 500 },
  regionPrefixes: ['4201'],
  timeZone: 'Asia/Shanghai',
};

/** Campaign with the deadline overridden (INTAKE_DEADLINE). */
export function campaignWithDeadline(deadline: Date, base: Campaign = wuhanDatasetCall2025): Campaign {
  return { ...base, deadline };
}
