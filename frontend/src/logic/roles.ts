// What each role may do, mirrored from the server's rules so the page shows no button a user cannot use.
// The server still checks every request; this only shapes the page.
import type { AppSummary, Role } from '../api/types';

export const canWrite = (role: Role): boolean => role === 'admin' || role === 'user';
export const isAdmin = (role: Role): boolean => role === 'admin';

/** Why this role cannot deploy the app with its default settings; empty when it can. */
export function deployBlockers(role: Role, app: Pick<AppSummary, 'risk' | 'adminOnly' | 'adminReasons'>): string[] {
  if (!canWrite(role)) return ['The viewer role is read-only.'];
  if (role === 'admin') return [];
  if (app.adminOnly) {
    return app.adminReasons?.length ? app.adminReasons : ['Only an administrator may deploy this app.'];
  }
  // servers without adminOnly: the rule the server applied before it (socket, privileged, host network)
  if (app.adminOnly === undefined) {
    const reasons: string[] = [];
    if (app.risk.dockerSocket) reasons.push('It mounts the Docker socket.');
    if (app.risk.privileged) reasons.push('It runs privileged.');
    if (app.risk.hostNetwork) reasons.push("It uses the host's network.");
    return reasons;
  }
  return [];
}
