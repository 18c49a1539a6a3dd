// The deploy form: initial values from the app's settings schema, checks before submit, and the request's config.
import type { SettingView } from '../api/types';

export type Values = Record<string, string>;

/** Defaults as the form starts; masked secret defaults ("********") start empty, since the server keeps them. */
export function initialValues(settings: SettingView[], previous: Record<string, string> = {}): Values {
  const v: Values = {};
  for (const s of settings) {
    const before = previous[s.key];
    if (before !== undefined && before !== '********') v[s.key] = before;
    else if (s.secret) v[s.key] = '';
    else v[s.key] = s.default ?? '';
  }
  return v;
}

/** Problems by setting key; empty when the form may be sent. */
export function validate(settings: SettingView[], values: Values): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const s of settings) {
    const raw = (values[s.key] ?? '').trim();
    if (!raw) {
      if (s.required && !s.generate && !(s.secret && s.default)) problems[s.key] = 'Required';
      continue;
    }
    if (s.type === 'port') {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < 1 || n > 65535) problems[s.key] = 'A port number from 1 to 65535';
    } else if (s.type === 'number' && !/^-?\d+(\.\d+)?$/.test(raw)) {
      problems[s.key] = 'A number';
    } else if (s.type === 'path' && !raw.startsWith('/')) {
      problems[s.key] = 'An absolute path, starting with /';
    } else if (s.type === 'boolean' && raw !== 'true' && raw !== 'false') {
      problems[s.key] = 'true or false';
    }
  }
  return problems;
}

/**
 * What to send: every value the user gave. Empty values are left out so the server applies the template's default
 * or generates the secret; a value equal to a (non-secret) default is sent as is, which changes nothing.
 */
export function configFor(settings: SettingView[], values: Values): Record<string, string> {
  const config: Record<string, string> = {};
  for (const s of settings) {
    const raw = (values[s.key] ?? '').trim();
    if (raw) config[s.key] = raw;
  }
  return config;
}

/** Host ports the form would publish that are already taken, with who holds them. */
export function portConflicts(
  settings: SettingView[], values: Values, used: { port: number; protocol: string; container?: string; source: string }[],
): { key: string; port: number; holder: string }[] {
  const out: { key: string; port: number; holder: string }[] = [];
  for (const s of settings) {
    if (s.type !== 'port') continue;
    const port = Number((values[s.key] ?? '').trim());
    if (!Number.isInteger(port) || port < 1) continue;
    const taken = used.find((u) => u.port === port);
    if (taken) out.push({ key: s.key, port, holder: taken.container ? `container ${taken.container}` : 'a host process' });
  }
  return out;
}

/** Standard settings (time zone, user ids, folders, domain) go in a second group: most people keep them. */
export function groups(settings: SettingView[]): { app: SettingView[]; standard: SettingView[] } {
  return { app: settings.filter((s) => !s.standard), standard: settings.filter((s) => s.standard) };
}
