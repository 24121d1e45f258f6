// `intake analyst add NAME`: a personal read-only login for an analyst (psql, DBeaver, Navicat).
// The password is the caller's, or generated here and returned once for the operator to hand
// over; it is never logged and never sent to the server in clear (a SCRAM verifier is).
import type { AppContext } from '../app/context.ts';
import { generatePassword, loginNameProblem, passwordProblem } from '../analysts/analyst-login.ts';
import { scramVerifier } from '../analysts/scram-verifier.ts';

export type AddAnalystResult = { name: string; password: string; generated: boolean };

/** A request an operator can fix (bad name or password, the login exists already). */
export class AnalystError extends Error {}

export async function addAnalyst(app: AppContext, req: { name: string; password?: string | null }): Promise<AddAnalystResult> {
  const name = req.name.trim();
  const nameProblem = loginNameProblem(name);
  if (nameProblem) throw new AnalystError(nameProblem);
  const generated = !req.password;
  const password = req.password || generatePassword();
  const problem = passwordProblem(password);
  if (problem) throw new AnalystError(problem);
  const repo = app.repos.analystRoles;
  if (await repo.exists(app.pool, name)) throw new AnalystError(`a role named "${name}" exists already`);
  try {
    await repo.createLogin(app.pool, name, scramVerifier(password));
  } catch (err) {
    // Created by someone else between the check and here.
    if ((err as { code?: string }).code === '42710') throw new AnalystError(`a role named "${name}" exists already`);
    throw err;
  }
  app.logger.info({ analyst: name, generatedPassword: generated }, 'analyst login created');
  return { name, password, generated };
}
