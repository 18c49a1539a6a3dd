// Small shared pieces: app icons, badges, notices.
import type { ReactNode } from 'react';
import type { ApiError } from '../api/client';
import type { Risk } from '../api/types';
import { hue, initials, riskBadges } from '../logic/catalog';

/** Initials on a colour of the app's own; nothing is loaded from another site. */
export function AppIcon({ name, id, size = 44 }: { name: string; id: string; size?: number }) {
  const h = hue(id);
  return (
    <span className={`app-icon hue-${h % 12}`} aria-hidden="true" data-size={size > 50 ? 'large' : undefined}>
      {initials(name)}
    </span>
  );
}

export function RiskBadges({ risk, adminOnly }: { risk?: Risk; adminOnly?: boolean }) {
  const badges = riskBadges(risk);
  if (badges.length === 0 && !adminOnly) return null;
  return (
    <ul className="badges" aria-label="Risks">
      {adminOnly && <li className="badge severe">Admin only</li>}
      {badges.map((b) => (
        <li key={b.key} className={`badge ${b.severe ? 'severe' : 'warn'}`}>{b.label}</li>
      ))}
    </ul>
  );
}

const STATE_CLASS: Record<string, string> = {
  running: 'ok', succeeded: 'ok', healthy: 'ok',
  exited: 'muted', created: 'muted', cancelled: 'muted', interrupted: 'muted',
  paused: 'warn', restarting: 'warn', queued: 'info', pulling: 'info', creating: 'info', starting: 'info', verifying: 'info',
  dead: 'bad', failed: 'bad', 'rolled-back': 'bad',
  'up-to-date': 'ok', 'update-available': 'warn', 'not-checkable': 'muted', error: 'bad',
  ready: 'ok', down: 'bad', disconnected: 'bad', rejected: 'bad', pending: 'info', shutdown: 'muted', complete: 'muted',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status ${STATE_CLASS[status] ?? 'muted'}`}>{status}</span>;
}

export function ErrorNotice({ error, title }: { error: ApiError | Error | undefined | null; title?: string }) {
  if (!error) return null;
  const e = error as Partial<ApiError>;
  return (
    <div className="notice bad" role="alert">
      <strong>{title ?? e.error ?? 'Error'}</strong>
      {e.details ? <span> {e.details}</span> : !e.error && <span> {error.message}</span>}
    </div>
  );
}

export function Notice({ kind = 'info', children }: { kind?: 'info' | 'ok' | 'warn' | 'bad'; children: ReactNode }) {
  return <div className={`notice ${kind}`} role={kind === 'bad' ? 'alert' : 'status'}>{children}</div>;
}

export function Loading({ what }: { what: string }) {
  return <p className="loading" role="status">Loading {what}…</p>;
}

export function PageHeader({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <header className="page-head">
      <h1>{title}</h1>
      {children && <div className="page-actions">{children}</div>}
    </header>
  );
}
