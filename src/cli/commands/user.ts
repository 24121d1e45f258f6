// `intake user add NAME [--role 管理员|审核员] [--password-stdin] | list | passwd NAME [--password-stdin]
// | disable NAME | enable NAME | role NAME ROLE`: the dashboard's accounts, thin callers of
// src/operations/web-users.ts. Without --password-stdin a generated password is printed once.
import { parseArgs } from 'node:util';
import { bootstrap } from '../../app/bootstrap.ts';
import { cliActor } from '../../operations/audit.ts';
import {
  addWebUser,
  listWebUsers,
  parseRole,
  resetWebUserPassword,
  ROLE_LABELS,
  setWebUserDisabled,
  setWebUserRole,
  WebUserError,
} from '../../operations/web-users.ts';
import { readStdinSecret } from '../read-stdin.ts';

const USAGE = `usage: intake user add NAME [--role admin|reviewer] [--password-stdin]   (role default: reviewer; 管理员/审核员 work too)
       intake user list
       intake user passwd NAME [--password-stdin]
       intake user disable NAME | enable NAME
       intake user role NAME admin|reviewer
`;

export async function runUser(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, 'display-name': { type: 'string' } },
    });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const [action, name, arg] = parsed.positionals;
  const needsName = ['add', 'passwd', 'disable', 'enable', 'role'];
  const role = parseRole(action === 'role' ? (arg ?? '') : (parsed.values.role ?? 'reviewer'));
  if (!action || (action !== 'list' && !needsName.includes(action)) || (needsName.includes(action) && !name) || !role) {
    process.stderr.write(USAGE);
    return 2;
  }
  const password = parsed.values['password-stdin'] ? await readStdinSecret() : null;
  if (password === '') {
    process.stderr.write('--password-stdin: no password on stdin\n');
    return 2;
  }
  const app = await bootstrap('import');
  const actor = cliActor();
  try {
    switch (action) {
      case 'list': {
        const users = await listWebUsers(app);
        process.stdout.write(['name', 'role', 'state', 'last login'].join('\t') + '\n');
        for (const u of users) {
          const last = u.lastLoginAt ? u.lastLoginAt.toISOString() : '-';
          process.stdout.write(`${u.name}\t${ROLE_LABELS[u.role]}\t${u.disabled ? 'disabled' : 'enabled'}\t${last}\n`);
        }
        return 0;
      }
      case 'add': {
        const r = await addWebUser(app, actor, { name: name!, role, password, displayName: parsed.values['display-name'] ?? null });
        process.stdout.write(`dashboard user "${r.user.name}" created (${ROLE_LABELS[r.user.role]})\n`);
        if (r.generated) process.stdout.write(`password (shown once, hand it over now): ${r.password}\n`);
        return 0;
      }
      case 'passwd': {
        const r = await resetWebUserPassword(app, actor, { name: name!, password });
        process.stdout.write(`password of "${name}" changed; its sessions ended\n`);
        if (r.generated) process.stdout.write(`password (shown once, hand it over now): ${r.password}\n`);
        return 0;
      }
      case 'disable':
      case 'enable':
        await setWebUserDisabled(app, actor, { name: name!, disabled: action === 'disable' });
        process.stdout.write(`user "${name}" ${action}d\n`);
        return 0;
      default:
        await setWebUserRole(app, actor, { name: name!, role });
        process.stdout.write(`user "${name}" is now ${ROLE_LABELS[role]}\n`);
        return 0;
    }
  } catch (err) {
    if (!(err instanceof WebUserError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  } finally {
    await app.close();
  }
}
