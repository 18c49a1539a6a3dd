import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { ApiKey, CreatedApiKey } from '../api/types';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { ErrorNotice, Loading, PageHeader } from '../components/bits';
import { useLoad } from '../hooks';
import { dateTime } from '../logic/format';
import { useTitle } from '../router';
import { useUser } from '../session';
import { PasswordForm } from './PasswordForm';

/** The signed-in user's password and API keys. */
export function Account() {
  useTitle('Account');
  const user = useUser();
  return (
    <>
      <PageHeader title="Account" />
      <p>Signed in as <strong>{user.username}</strong> with the role <strong>{user.role}</strong>.</p>
      {user.authMethod !== 'auth-disabled' && (
        <>
          <section aria-labelledby="password-title" className="panel narrow-panel">
            <h2 id="password-title">Change password</h2>
            <PasswordForm />
          </section>
          <ApiKeys />
        </>
      )}
    </>
  );
}

function ApiKeys() {
  const { data, error, loading, reload } = useLoad(() => api.apiKeys(), []);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [problem, setProblem] = useState<ApiError>();

  async function create(e: FormEvent) {
    e.preventDefault();
    setProblem(undefined);
    try {
      setCreated(await api.createApiKey(name.trim()));
      setName('');
      reload();
    } catch (err) {
      setProblem(err as ApiError);
    }
  }

  async function revoke(k: ApiKey) {
    try {
      await api.deleteApiKey(k.id);
    } catch (err) {
      setProblem(err as ApiError);
    }
    setRevoking(null);
    reload();
  }

  return (
    <section aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      <p className="hint">For scripts: send a key as <span className="mono">Authorization: Bearer hlr_…</span>. It acts as you, with your role, until revoked.</p>
      <form className="inline-form" onSubmit={create}>
        <label htmlFor="key-name">Key name</label>
        <input id="key-name" required maxLength={64} value={name} onChange={(e) => setName(e.target.value)} placeholder="backup-script" />
        <button type="submit" className="btn primary">Create API key</button>
      </form>
      <ErrorNotice error={error} />
      <ErrorNotice error={problem} />
      {loading && !data && <Loading what="API keys" />}
      {data && data.data.length === 0 && <p className="empty">No API keys yet.</p>}
      {data && data.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">Name</th><th scope="col">Starts with</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              {data.data.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td className="mono">{k.prefix}…</td>
                  <td>{dateTime(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? dateTime(k.lastUsedAt) : 'never'}</td>
                  <td><button type="button" className="btn small danger" aria-label={`Revoke ${k.name}`}
                    onClick={() => setRevoking(k)}>Revoke</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {created && <NewKey created={created} onClose={() => setCreated(null)} />}
      {revoking && (
        <ConfirmDialog title={`Revoke ${revoking.name}?`} confirmLabel="Revoke" onClose={() => setRevoking(null)}
          onConfirm={() => void revoke(revoking)}>
          <p>Scripts using this key stop working at once.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

/** The key is shown this once: the server keeps only its digest. */
function NewKey({ created, onClose }: { created: CreatedApiKey; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      (document.getElementById('new-key') as HTMLInputElement | null)?.select();
    }
  }
  return (
    <Dialog title={`API key ${created.name}`} onClose={onClose}>
      <div className="dialog-body stack">
        <p><strong>Copy it now: it is shown only once.</strong> If you lose it, revoke it and create another.</p>
        <label htmlFor="new-key">Key</label>
        <input id="new-key" className="mono" readOnly value={created.key} onFocus={(e) => e.target.select()} />
        <p role="status" className="hint">{copied ? 'Copied to the clipboard.' : ''}</p>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={() => void copy()}>Copy key</button>
          <button type="button" className="btn primary" onClick={onClose}>Done</button>
        </div>
      </div>
    </Dialog>
  );
}
