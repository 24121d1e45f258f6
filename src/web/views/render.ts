// Server-rendered pages: Handlebars templates in templates/web (escaped by default: `{{x}}`
// HTML-escapes, and no template uses the raw `{{{x}}}` form on email content), one layout with
// the navigation, compiled once per process. Helpers format what pages show in Chinese.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import { toShanghaiIso } from '../../campaign/deadline.ts';
import { projectRoot } from '../../config/project-root.ts';
import { scanCheckLine } from './scan-line.ts';
import { ACK_STATE_LABELS, flagKindLabel, JOB_STATE_LABELS, judgementLabel, QUEUE_LABELS, RUN_LABELS, STATUS_LABELS } from './labels.ts';

export type PageContext = {
  title: string;
  /** Navigation key of the page (highlighted). */
  nav?: string;
  user?: { name: string; role: string; isAdmin: boolean } | null;
  csrfToken?: string;
  /** One-line notice after an action (from the query string `?ok=`/`?err=`). */
  notice?: { ok: boolean; text: string } | null;
  [key: string]: unknown;
};

/** 2025-11-05 23:59 in Beijing time, from a Date or an ISO string; empty for none. */
export function shanghaiTime(value: unknown, withSeconds = false): string {
  if (value === null || value === undefined || value === '') return '';
  const d = value instanceof Date ? value : new Date(String(value));
  if (Number.isNaN(d.getTime())) return '';
  return toShanghaiIso(d)
    .slice(0, withSeconds ? 19 : 16)
    .replace('T', ' ');
}

export function formatBytes(n: unknown): string {
  const v = Number(n);
  if (!Number.isFinite(v)) return '';
  if (v < 1024) return `${v} B`;
  if (v < 1024 * 1024) return `${(v / 1024).toFixed(1)} KB`;
  if (v < 1024 ** 3) return `${(v / 1024 / 1024).toFixed(1)} MB`;
  return `${(v / 1024 ** 3).toFixed(2)} GB`;
}

function createEnv(): typeof Handlebars {
  const hb = Handlebars.create();
  const lookup = (map: Record<string, string>) => (v: unknown) => map[String(v)] ?? (v === null || v === undefined ? '' : String(v));
  hb.registerHelper({
    time: (v: unknown) => shanghaiTime(v),
    timeSec: (v: unknown) => shanghaiTime(v, true),
    bytes: (v: unknown) => formatBytes(v),
    eq: (a: unknown, b: unknown) => String(a) === String(b),
    not: (v: unknown) => !v,
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    join: (v: unknown, sep: unknown) => (Array.isArray(v) ? v.join(typeof sep === 'string' ? sep : '、') : (v ?? '')),
    json: (v: unknown) => JSON.stringify(v ?? null),
    concat: (...args: unknown[]) =>
      args
        .slice(0, -1)
        .map((a) => String(a ?? ''))
        .join(''),
    yesno: (v: unknown) => (v === true ? '是' : v === false ? '否' : '—'),
    judgement: (isSubmission: unknown, reason: unknown) =>
      judgementLabel(isSubmission as boolean | null, typeof reason === 'string' ? reason : null),
    statusLabel: lookup(STATUS_LABELS),
    runLabel: lookup(RUN_LABELS),
    ackLabel: lookup(ACK_STATE_LABELS),
    jobStateLabel: lookup(JOB_STATE_LABELS),
    queueLabel: lookup(QUEUE_LABELS),
    flagKind: (code: unknown) => flagKindLabel(String(code ?? '')),
    scanLine: (scan: unknown, formUscc: unknown) => scanCheckLine(scan, formUscc),
    flagClass: (severity: unknown) => (severity === 'error' ? 'bad' : severity === 'warning' ? 'warn' : 'info'),
  });
  return hb;
}

export type Renderer = { render(page: string, ctx: PageContext): string };

export function createRenderer(dir = join(projectRoot(), 'templates', 'web')): Renderer {
  const hb = createEnv();
  const pages = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.hbs')) continue;
    const name = basename(file, '.hbs');
    const source = readFileSync(join(dir, file), 'utf8');
    // Partials: files starting with _ (the navigation, a pager, the filter form).
    if (name.startsWith('_')) hb.registerPartial(name.slice(1), source);
    else pages.set(name, hb.compile(source, { strict: false }));
  }
  const layout = pages.get('layout');
  if (!layout) throw new Error(`no layout.hbs in ${dir}`);
  return {
    render(page, ctx) {
      const template = pages.get(page);
      if (!template) throw new Error(`no template ${page}.hbs`);
      const body = template(ctx);
      return layout({ ...ctx, body: new hb.SafeString(body) });
    },
  };
}
