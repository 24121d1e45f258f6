// 申报: the searchable, filterable list of current applications, one application in full (merged
// record with the material each part came from, flags, member emails, acknowledgements, history)
// and the review action.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { REVIEW_STATES } from '../../applications/review-states.ts';
import { showApplication } from '../../operations/read-applications.ts';
import { ReviewError, reviewApplication } from '../../operations/review-application.ts';
import { FIELD_LABELS, MATERIAL_LABELS } from '../../validate/labels.ts';
import { applicationQueryString, parseApplicationQuery } from '../application-query.ts';
import { redirectWith } from '../flash.ts';
import { EVENT_LABELS } from '../views/labels.ts';

const PAGE_SIZE = 20;

const SORT_LABELS = {
  received_desc: '最近收到在前',
  received_asc: '最早收到在前',
  unit: '按单位名称',
  flags_desc: '问题最多在前',
  updated_desc: '最近更新在前',
};

const UNIT_FIELDS = ['unit_name', 'uscc', 'unit_address', 'contact_name', 'contact_title', 'contact_phone', 'declared_date'] as const;
const CASE_FIELDS = [
  'case_name',
  'dataset_name',
  'dataset_category',
  'structured_rows_text',
  'unstructured_gb_text',
  'directions',
  'industries',
  'modalities',
  'agree_publicity',
  'agree_listing',
  'listed_elsewhere',
  'involves_personal_info',
  'supported_models',
  'overview',
  'scenarios',
] as const;
const INTRO_FIELDS = ['background', 'innovation', 'effects', 'materials'] as const;
const SUMMARY_FIELDS = [
  ['seq', '序号'],
  ['case_name', '数据集案例名称'],
  ['dataset_category', '数据集类别'],
  ['industry', '行业领域'],
  ['direction', '申报方向'],
  ['structured_scale', '结构化数据规模'],
  ['unstructured_scale', '非结构化数据规模'],
  ['supported_models', '已服务支撑人工智能算法模型'],
  ['benefits', '产生社会经济效益'],
  ['unit_name', '申报单位名称'],
  ['contact', '申报单位联系人及联系方式'],
] as const;

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (Array.isArray(v)) return v.map(show).join('、');
  if (v === true) return '是';
  if (v === false) return '否';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const label = (key: string) => FIELD_LABELS[key.replace(/_text$/, '')] ?? key;

export async function registerApplicationRoutes(web: FastifyInstance, app: AppContext): Promise<void> {
  web.get<{ Querystring: Record<string, string> }>('/applications', async (req, reply) => {
    const query = parseApplicationQuery(req.query);
    const [{ rows, total }, flagCodes] = await Promise.all([
      app.repos.dashboard.searchApplications(app.pool, query.filter, query.sort, {
        limit: PAGE_SIZE,
        offset: (query.page - 1) * PAGE_SIZE,
      }),
      app.repos.dashboard.flagCodes(app.pool),
    ]);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const opts = app.campaign.options;
    return reply.page('applications', {
      title: '申报',
      nav: 'applications',
      rows,
      total,
      query: query.filter,
      sort: query.sort,
      sorts: Object.entries(SORT_LABELS).map(([value, text]) => ({ value, text, selected: value === query.sort })),
      page: query.page,
      pages,
      prev: query.page > 1 ? applicationQueryString({ ...query, page: query.page - 1 }) || '?' : null,
      next: query.page < pages ? applicationQueryString({ ...query, page: query.page + 1 }) : null,
      exportQuery: applicationQueryString({ filter: query.filter, sort: query.sort }),
      reviewStates: REVIEW_STATES,
      flagCodes,
      industries: opts.industries,
      directions: opts.directions,
      categories: opts.dataset_category,
    });
  });

  web.get<{ Params: { id: string } }>('/applications/:id', async (req, reply) => {
    const found = await showApplication(app, req.params.id);
    if (!found) return reply.page('error', { title: '申报不存在', message: `没有编号为 ${req.params.id} 的申报。`, status: 404 }, 404);
    const a = found.application;
    const record = (a.record ?? {}) as Record<string, unknown>;
    const materials = a.materials as Record<
      string,
      { filename?: string; received_at?: string; late?: boolean; submission_id?: string; scan?: unknown } | null
    >;
    const source = (kind: string) => {
      const m = materials[kind];
      return m ? `${MATERIAL_LABELS[kind] ?? kind}：${m.filename ?? ''}` : `${MATERIAL_LABELS[kind] ?? kind}：未收到`;
    };
    const members = await app.repos.dashboard.applicationMessages(app.pool, a.id);
    const messageIds = members.map((m) => m.id);
    const [attachments, acks, audit] = await Promise.all([
      app.repos.dashboard.attachmentsOf(app.pool, messageIds),
      Promise.all(messageIds.map((id) => app.repos.acks.list({ messageId: id }))).then((l) => l.flat()),
      app.repos.audit.list(app.pool, { target: `application:${a.id}`, limit: 50 }),
    ]);
    const cases = (Array.isArray(record.cases) ? record.cases : []) as Record<string, unknown>[];
    const intro = (record.intro ?? {}) as Record<string, unknown>;
    const summaryRows = (Array.isArray(record.summary_rows) ? record.summary_rows : []) as Record<string, unknown>[];
    return reply.page('application', {
      title: a.unitName ?? `申报 ${a.id}`,
      nav: 'applications',
      a,
      unitFields: UNIT_FIELDS.map((k) => ({ label: label(k), value: show(record[k]) })),
      unitSource: source('form1'),
      cases: cases.map((c, i) => ({ n: i + 1, fields: CASE_FIELDS.map((k) => ({ label: label(k), value: show(c[k]) })) })),
      introFields: INTRO_FIELDS.map((k) => ({ label: label(k), value: show(intro[k]) })),
      introSource: source('form2'),
      summaryHeader: SUMMARY_FIELDS.map(([, l]) => l),
      summaryRows: summaryRows.map((r) => SUMMARY_FIELDS.map(([k]) => show(r[k]))),
      summarySource: source('form3'),
      // The chosen stamped scan's check (absent on applications stored before scans were read).
      scan: materials.stamped_scan?.scan ?? null,
      materials: Object.keys(MATERIAL_LABELS).map((kind) => ({ kind, label: MATERIAL_LABELS[kind], m: materials[kind] ?? null })),
      members: members.map((m) => ({ ...m, files: attachments.filter((f) => f.messageId === m.id) })),
      acks,
      events: found.events.map((e) => ({ ...e, kindLabel: EVENT_LABELS[e.kind] ?? e.kind })),
      audit,
      reviewStates: REVIEW_STATES.map((s) => ({ value: s, selected: s === a.reviewState })),
    });
  });

  web.post<{ Params: { id: string }; Body: { state?: string; comment?: string } }>('/applications/:id/review', async (req, reply) => {
    const to = `/applications/${encodeURIComponent(req.params.id)}`;
    try {
      const r = await reviewApplication(app, {
        applicationId: req.params.id,
        state: String(req.body?.state ?? ''),
        comment: String(req.body?.comment ?? '').slice(0, 2000),
        reviewedBy: req.user!.name,
        clientIp: req.ip,
      });
      return redirectWith(reply, to, { ok: true, text: `审核状态：${r.from} → ${r.to}` });
    } catch (err) {
      if (!(err instanceof ReviewError)) throw err;
      return redirectWith(reply, to, { ok: false, text: err.message });
    }
  });
}
