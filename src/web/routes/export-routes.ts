// 导出: the 汇总表 (附件3 layout) of all or the filtered current applications, as .xlsx and as
// CSV with a BOM; the filter is the applications list's query string. Exports are audited.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/context.ts';
import { toShanghaiIso } from '../../campaign/deadline.ts';
import { summaryTableCsv } from '../../export/summary-csv.ts';
import { summaryTableRows, type SummaryTableRow } from '../../export/summary-table.ts';
import { summaryTableXlsx } from '../../export/summary-xlsx.ts';
import { recordAudit } from '../../operations/audit.ts';
import { applicationQueryString, parseApplicationQuery } from '../application-query.ts';
import { contentDisposition } from '../download.ts';

async function rowsFor(app: AppContext, query: Record<string, unknown>) {
  const { filter, sort } = parseApplicationQuery(query);
  const ids = await app.repos.dashboard.applicationIds(app.pool, filter, sort);
  const apps = await app.repos.applications.byIds(app.pool, ids);
  return { filter, apps, rows: summaryTableRows(apps) };
}

/** 汇总表-20251106-0130.xlsx: Beijing time of the export. */
function exportName(ext: string, at = new Date()): string {
  const s = toShanghaiIso(at);
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

  const FORMATS = {
    xlsx: {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      body: (rows: SummaryTableRow[]) => summaryTableXlsx(rows, { generatedAt: new Date() }),
    },
    csv: { type: 'text/csv; charset=utf-8', body: async (rows: SummaryTableRow[]) => summaryTableCsv(rows) },
  };
  for (const [ext, format] of Object.entries(FORMATS)) {
    web.get<{ Querystring: Record<string, string> }>(`/export/summary.${ext}`, async (req, reply) => {
      const { filter, apps, rows } = await rowsFor(app, req.query);
      const body = await format.body(rows);
      await recordAudit(
        app,
        { name: req.user!.name, ip: req.ip },
        { action: `export.${ext}`, detail: { filter, applications: apps.length, rows: rows.length } },
      );
      return reply
        .header('content-type', format.type)
        .header('content-disposition', contentDisposition(exportName(ext)))
        .send(body);
    });
  }
}
