// All repositories of a process, built over one pool.
import { createAckOutboxRepo, type AckOutboxRepo } from './ack-outbox-repo.ts';
import { createAnalystRolesRepo, type AnalystRolesRepo } from './analyst-roles-repo.ts';
import { createAuditRepo, type AuditRepo } from './audit-repo.ts';
import { createApplicationsRepo, type ApplicationsRepo } from './applications-repo.ts';
import { createAttachmentsRepo, type AttachmentsRepo } from './attachments-repo.ts';
import { createDashboardRepo, type DashboardRepo } from './dashboard-repo.ts';
import { createCursorRepo, type CursorRepo } from './cursor-repo.ts';
import { createEventsRepo, type EventsRepo } from './events-repo.ts';
import { createMessagesRepo, type MessagesRepo } from './messages-repo.ts';
import { createMetricsRepo, type MetricsRepo } from './metrics-repo.ts';
import type { Pool } from './pool.ts';
import { createSettingsRepo, type SettingsRepo } from './settings-repo.ts';
import { createSubmissionsRepo, type SubmissionsRepo } from './submissions-repo.ts';
import { createWebUsersRepo, type WebUsersRepo } from './web-users-repo.ts';

export type Repos = {
  messages: MessagesRepo;
  attachments: AttachmentsRepo;
  events: EventsRepo;
  cursors: CursorRepo;
  submissions: SubmissionsRepo;
  acks: AckOutboxRepo;
  settings: SettingsRepo;
  applications: ApplicationsRepo;
  analystRoles: AnalystRolesRepo;
  metrics: MetricsRepo;
  webUsers: WebUsersRepo;
  audit: AuditRepo;
  dashboard: DashboardRepo;
};

export function createRepos(pool: Pool): Repos {
  return {
    messages: createMessagesRepo(pool),
    attachments: createAttachmentsRepo(pool),
    events: createEventsRepo(pool),
    cursors: createCursorRepo(pool),
    submissions: createSubmissionsRepo(),
    acks: createAckOutboxRepo(pool),
    settings: createSettingsRepo(),
    applications: createApplicationsRepo(),
    analystRoles: createAnalystRolesRepo(),
    metrics: createMetricsRepo(pool),
    webUsers: createWebUsersRepo(),
    audit: createAuditRepo(),
    dashboard: createDashboardRepo(),
  };
}
