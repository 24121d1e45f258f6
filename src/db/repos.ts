// All repositories of a process, built over one pool.
import { createAckOutboxRepo, type AckOutboxRepo } from './ack-outbox-repo.ts';
import { createAnalystRolesRepo, type AnalystRolesRepo } from './analyst-roles-repo.ts';
import { createApplicationsRepo, type ApplicationsRepo } from './applications-repo.ts';
import { createAttachmentsRepo, type AttachmentsRepo } from './attachments-repo.ts';
import { createCursorRepo, type CursorRepo } from './cursor-repo.ts';
import { createEventsRepo, type EventsRepo } from './events-repo.ts';
import { createMessagesRepo, type MessagesRepo } from './messages-repo.ts';
import type { Pool } from './pool.ts';
import { createSettingsRepo, type SettingsRepo } from './settings-repo.ts';
import { createSubmissionsRepo, type SubmissionsRepo } from './submissions-repo.ts';

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
  };
}
