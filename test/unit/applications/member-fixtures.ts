// Members for the merge-rule tests: each test states only what differs from a complete email.
import type { ApplicationMember, MemberFile } from '../../../src/applications/application-types.ts';
import type { Submission } from '../../../src/types.ts';
import { makeSubmission } from '../validate/make-extraction.ts';

const FORM_FILES: Record<string, MemberFile> = {
  form1: { filename: '附件1.docx', kind: 'form1', readable: true },
  form2: { filename: '附件2.docx', kind: 'form2', readable: true },
  form3: { filename: '附件3.xlsx', kind: 'form3', readable: true },
  stamped_scan: { filename: '盖章件.pdf', kind: 'stamped_scan', readable: true },
  samples: { filename: '样例.zip', kind: 'samples', readable: true },
};

export type MemberSpec = {
  id: string;
  at: string;
  carries?: string[];
  files?: MemberFile[];
  late?: boolean;
  sender?: string;
  subject?: string;
  submission?: Partial<Submission>;
  keys?: string[];
};

/** A member carrying the given kinds (default: everything); its record parts are null for kinds it lacks. */
export function member(spec: MemberSpec): ApplicationMember {
  const carries = spec.carries ?? Object.keys(FORM_FILES);
  const base = makeSubmission(spec.submission);
  const submission: Submission = {
    ...base,
    ...(carries.includes('form1')
      ? {}
      : {
          unit_name: null,
          uscc: null,
          unit_address: null,
          contact_name: null,
          contact_title: null,
          contact_phone: null,
          declared_date: null,
          cases: null,
        }),
    intro: carries.includes('form2') ? base.intro : null,
    summary_rows: carries.includes('form3') ? base.summary_rows : null,
  };
  const sender = spec.sender ?? 'liming@example.cn';
  const docKeys = carries.includes('form1') && submission.uscc ? [`uscc:${submission.uscc}`, `unit:${submission.unit_name}`] : [];
  return {
    messageId: spec.id,
    submissionId: spec.id,
    receivedAt: new Date(spec.at),
    messageIdHeader: `m${spec.id}@example.cn`,
    late: spec.late ?? false,
    unitKeys: spec.keys ?? [...docKeys, `sender:${sender}`],
    subject: spec.subject ?? '武汉光谷云图信息技术有限公司+武汉市数据集征集',
    submission,
    files: spec.files ?? carries.map((k) => FORM_FILES[k]),
  };
}
