// The applications list's query string (search, filters, sort, page), shared by the list and the
// exports so "export what I see" means the same filter. Unknown values are dropped, not errors.
import { REVIEW_STATES } from '../applications/review-states.ts';
import { APPLICATION_SORTS, type ApplicationFilter, type ApplicationSort } from '../db/dashboard-repo.ts';

export type ApplicationQuery = { filter: ApplicationFilter; sort: ApplicationSort; page: number };

const FILTER_KEYS = ['q', 'complete', 'onTime', 'late', 'review', 'flag', 'industry', 'direction', 'category'] as const;

const yesNo = (v: unknown) => (v === 'yes' || v === 'no' ? v : undefined);
const text = (v: unknown, max = 100) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined);

export function parseApplicationQuery(q: Record<string, unknown>): ApplicationQuery {
  const review = text(q.review);
  const filter: ApplicationFilter = {
    q: text(q.q),
    complete: yesNo(q.complete),
    onTime: yesNo(q.onTime),
    late: yesNo(q.late),
    review: review && (REVIEW_STATES as readonly string[]).includes(review) ? review : undefined,
    flag: text(q.flag, 60),
    industry: text(q.industry, 20),
    direction: text(q.direction, 20),
    category: text(q.category, 20),
  };
  for (const k of FILTER_KEYS) if (filter[k] === undefined) delete filter[k];
  const sort = (APPLICATION_SORTS as readonly string[]).includes(String(q.sort)) ? (q.sort as ApplicationSort) : 'received_desc';
  const page = Math.min(10_000, Math.max(1, Number.parseInt(String(q.page ?? '1'), 10) || 1));
  return { filter, sort, page };
}

/** The query string for a filter (links: pages, sort, export). */
export function applicationQueryString(query: Omit<ApplicationQuery, 'page'> & { page?: number }): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query.filter)) if (v) params.set(k, String(v));
  if (query.sort !== 'received_desc') params.set('sort', query.sort);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}
