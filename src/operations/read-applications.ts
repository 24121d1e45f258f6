// What operators read about applications (CLI now, the dashboard later): the current list in
// the order of each unit's first email, and one application with its history.
import type { AppContext } from '../app/context.ts';
import type { ApplicationEvent, StoredApplication } from '../db/applications-repo.ts';

export function listApplications(app: AppContext): Promise<StoredApplication[]> {
  return app.repos.applications.list(app.pool);
}

export async function showApplication(
  app: AppContext,
  id: string,
): Promise<{ application: StoredApplication; events: (ApplicationEvent & { at: Date })[] } | null> {
  if (!/^\d+$/.test(id)) return null;
  const application = await app.repos.applications.get(app.pool, id);
  if (!application) return null;
  return { application, events: await app.repos.applications.events(app.pool, id) };
}
