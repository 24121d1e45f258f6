// 导出: the 汇总表 (附件3 layout) of all or the filtered current applications, as .xlsx and as
// CSV with a BOM; the filter is the applications list's query string. Exports are audited.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { summaryTableCsv } from '../../export/summary-csv.ts';
import { summaryTableRows } from '../../export/summary-table.ts';
import { summaryTableXlsx } from '../../export/summary-xlsx.ts';
import { recordAudit } from '../../operations/audit.ts';
import { applicationQueryString, parseApplicationQuery } from '../application-query.ts';
import { contentDisposition } from '../download.ts';

async function rowsFor(app: AppContext, query: Record<string, unknown>) {
  const { filter, sort } = parseApplicationQuery(query);
  const ids = await app.repos.dashboard.applicationIds(app.pool, filter, sort);
  const byId = new Map((await app.repos.applications.list(app.pool)).map((a) => [a.id, a]));
  const apps = ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  return { filter, apps, rows: summaryTableRows(apps) };
}

/** 汇总表-20251106-0130.xlsx: Beijing time of the export. */
function exportName(ext: string, at = new Date()): string {
  const s = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `武汉市数据集征集汇总表-${s.slice(0, 10).replaceAll('-', '')}-${s.slice(11, 16).replace(':', '')}.${ext}`;
}

export async function registerExportRoutes(web: FastifyInstance, app: AppContext): Promise<void> {
  web.get<{ Querystring: Record<string, string> }>('/export', async (req, reply) => {
    const query = parseApplicationQuery(req.query);
    const { apps, rows } = await rowsFor(app, req.query);
    return reply.page('export', {
      title: '导出',
      nav: 'export',
      filtered: Object.keys(query.filter).length > 0,
      filter: query.filter,
      qs: applicationQueryString({ filter: query.filter, sort: query.sort }),
      applications: apps.length,
      rows: rows.length,
    });
  });

  web.get<{ Querystring: Record<string, string> }>('/export/summary.xlsx', async (req, reply) => {
    const { filter, apps, rows } = await rowsFor(app, req.query);
    const body = await summaryTableXlsx(rows, { generatedAt: new Date() });
    await recordAudit(
      app,
      { name: req.user!.name, ip: req.ip },
      { action: 'export.xlsx', detail: { filter, applications: apps.length, rows: rows.length } },
    );
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', contentDisposition(exportName('xlsx')))
      .send(body);
  });

  web.get<{ Querystring: Record<string, string> }>('/export/summary.csv', async (req, reply) => {
    const { filter, apps, rows } = await rowsFor(app, req.query);
    await recordAudit(
      app,
      { name: req.user!.name, ip: req.ip },
      { action: 'export.csv', detail: { filter, applications: apps.length, rows: rows.length } },
    );
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', contentDisposition(exportName('csv')))
      .send(summaryTableCsv(rows));
  });
}
