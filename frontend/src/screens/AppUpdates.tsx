import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { AppUpdateDetail, ContainerCheck, UpdatePolicyName } from '../api/types';
import { ErrorNotice, StatusBadge } from '../components/bits';
import { useLoad } from '../hooks';
import { ago, dateTime } from '../logic/format';
import { Link, navigate } from '../router';

const short = (digest?: string | null) => (digest ? digest.replace('sha256:', '').slice(0, 12) : '—');

/** The update badge shown next to a deployed app's name: only when its tag has a new image. */
export function UpdateBadge({ available }: { available: boolean }) {
  return available ? <span className="badge warn">Update available</span> : null;
}

/**
 * A deployed app's update state (any account) with, for admins, "Check now", "Update" and the app's update policy:
 * the update runs like a deployment, so it opens the same progress view; a failed health gate brings the previous
 * version back.
 */
export function AppUpdates({ appId, admin }: { appId: string; admin: boolean }) {
  const { data, error, reload } = useLoad((s) => api.appUpdate(appId, s), [appId]);
  const [busy, setBusy] = useState<'check' | 'update'>();
  const [actionError, setActionError] = useState<ApiError>();
  const state: AppUpdateDetail | undefined = data?.data;

  async function act(what: 'check' | 'update') {
    setBusy(what);
    setActionError(undefined);
    try {
      if (what === 'check') {
        await api.checkUpdates(appId);
        reload();
      } else {
        const started = await api.updateApp(appId);
        navigate(`/deploys/${started.deploymentId}`);
      }
    } catch (e) {
      setActionError(e as ApiError);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section aria-labelledby="updates-title">
      <h2 id="updates-title">Updates <UpdateBadge available={state?.updateAvailable ?? false} /></h2>
      <ErrorNotice error={error ?? actionError} />
      {state && (
        <>
          <p className="muted">
            Policy: {state.policy}{state.window ? ` (${state.window} UTC)` : ''} ·{' '}
            {state.checkedAt ? <span title={dateTime(state.checkedAt)}>checked {ago(state.checkedAt)}</span> : 'not checked yet'}
          </p>
          {state.containers.length > 0 && (
            <div className="table-wrap">
              <table>
                <thead><tr><th scope="col">Service</th><th scope="col">Environment</th><th scope="col">Image</th>
                  <th scope="col">Runs</th><th scope="col">Registry</th><th scope="col">Status</th></tr></thead>
                <tbody>{state.containers.map((c) => <CheckRow key={c.service} check={c} />)}</tbody>
              </table>
            </div>
          )}
          {state.newerTags.length > 0 && <p>Newer versions: <span className="mono">{state.newerTags.join(', ')}</span></p>}
          {state.runs.length > 0 && (
            <ul className="plain">
              {state.runs.slice(0, 3).map((r) => (
                <li key={r.deploymentId}>
                  <Link href={`/deploys/${r.deploymentId}`}>Update {ago(r.createdAt)}</Link> <StatusBadge status={r.status} />
                  {r.reason && <span className="muted"> — {r.reason}</span>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {admin && state && <PolicyForm key={`${state.policy}-${state.window ?? ''}`} appId={appId} state={state} onSaved={reload} />}
      {admin && (
        <div className="app-actions">
          <button type="button" className="btn" disabled={busy !== undefined} onClick={() => void act('check')}>
            {busy === 'check' ? 'Checking…' : 'Check now'}
          </button>
          {state?.updateAvailable && state.policy !== 'pinned' && (
            <button type="button" className="btn primary" disabled={busy !== undefined} onClick={() => void act('update')}>
              {busy === 'update' ? 'Starting…' : 'Update'}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

function CheckRow({ check }: { check: ContainerCheck }) {
  return (
    <tr>
      <th scope="row">{check.service}</th>
      <td>{check.environment}</td>
      <td className="mono">{check.image}</td>
      <td className="mono" title={check.currentDigest ?? ''}>{short(check.currentDigest)}</td>
      <td className="mono" title={check.remoteDigest ?? ''}>{short(check.remoteDigest)}</td>
      <td><StatusBadge status={check.status} />{check.error && <div className="muted small">{check.error}</div>}</td>
    </tr>
  );
}

const POLICIES: { value: UpdatePolicyName; label: string }[] = [
  { value: 'notify', label: 'Notify only' },
  { value: 'auto', label: 'Update automatically' },
  { value: 'pinned', label: 'Pinned: never update' },
];

/** The app's update policy (admins): notify, auto within an optional UTC maintenance window, or pinned. */
function PolicyForm({ appId, state, onSaved }: { appId: string; state: AppUpdateDetail; onSaved: () => void }) {
  const [policy, setPolicy] = useState<UpdatePolicyName>(state.policy);
  const [span, setSpan] = useState(state.window ?? '');
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setSaving(true);
    setError(undefined);
    try {
      await api.setUpdatePolicy(appId, policy, policy === 'auto' ? span.trim() : undefined);
      onSaved();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="inline-form" onSubmit={save}>
      <label htmlFor="update-policy">Update policy</label>
      <select id="update-policy" value={policy} onChange={(e) => setPolicy(e.target.value as UpdatePolicyName)}>
        {POLICIES.map((p) => <option key={p.value} value={p.value}>{p.label}</option>)}
      </select>
      {policy === 'auto' && (
        <>
          <label htmlFor="update-window">Window (UTC, optional)</label>
          <input id="update-window" placeholder="02:00-05:00" value={span} onChange={(e) => setSpan(e.target.value)} />
        </>
      )}
      <button type="submit" className="btn" disabled={saving}>{saving ? 'Saving…' : 'Save policy'}</button>
      <ErrorNotice error={error} />
    </form>
  );
}
