import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { AuditEntry, Role, User } from '../api/types';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { ErrorNotice, Loading, PageHeader } from '../components/bits';
import { useLoad } from '../hooks';
import { dateTime } from '../logic/format';
import { Link, useTitle } from '../router';
import { useUser } from '../session';
import { Notifications } from './Notifications';

const ROLES: Role[] = ['admin', 'user', 'viewer'];

/** Administration: users and the audit log (admins only; the navigation shows it to no one else). */
export function Admin({ tab }: { tab: 'users' | 'audit' | 'notifications' }) {
  useTitle(tab === 'users' ? 'Users' : tab === 'audit' ? 'Audit log' : 'Notifications');
  return (
    <>
      <PageHeader title="Admin" />
      <nav className="tabs" aria-label="Admin sections">
        <Link href="/admin/users" aria-current={tab === 'users' ? 'page' : undefined}>Users</Link>
        <Link href="/admin/audit" aria-current={tab === 'audit' ? 'page' : undefined}>Audit log</Link>
        <Link href="/admin/notifications" aria-current={tab === 'notifications' ? 'page' : undefined}>Notifications</Link>
      </nav>
      {tab === 'users' ? <Users /> : tab === 'audit' ? <Audit /> : <Notifications />}
    </>
  );
}

function Users() {
  const me = useUser();
  const { data, error, loading, reload } = useLoad(() => api.users(), []);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const [problem, setProblem] = useState<ApiError>();

  async function changeRole(u: User, role: Role) {
    setProblem(undefined);
    try {
      await api.updateUser(u.id, { role });
    } catch (e) {
      setProblem(e as ApiError);
    }
    reload();
  }

  async function remove(u: User) {
    try {
      await api.deleteUser(u.id);
    } catch (e) {
      setProblem(e as ApiError);
    }
    setDeleting(null);
    reload();
  }

  return (
    <section aria-labelledby="users-title">
      <div className="section-head">
        <h2 id="users-title">Users</h2>
        <button type="button" className="btn primary" onClick={() => setCreating(true)}>Create user</button>
      </div>
      <ErrorNotice error={error} />
      <ErrorNotice error={problem} />
      {loading && !data && <Loading what="users" />}
      {data && (
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">User</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col">Actions</th></tr></thead>
            <tbody>
              {data.data.map((u) => (
                <tr key={u.id}>
                  <th scope="row">{u.username}{u.username === me.username && <span className="muted"> (you)</span>}
                    {u.mustChangePassword && <div className="muted small">must choose a new password</div>}</th>
                  <td>
                    <select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => void changeRole(u, e.target.value as Role)}>
                      {ROLES.map((r) => <option key={r} value={r}>{r}</option>)}
                    </select>
                  </td>
                  <td>{dateTime(u.createdAt)}</td>
                  <td>
                    <div className="actions">
                      <button type="button" className="btn small" aria-label={`Reset password of ${u.username}`}
                        onClick={() => setResetting(u)}>Reset password</button>
                      {u.username !== me.username && (
                        <button type="button" className="btn small danger" aria-label={`Delete ${u.username}`}
                          onClick={() => setDeleting(u)}>Delete</button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {creating && <CreateUser onClose={() => setCreating(false)} onDone={() => {
        setCreating(false);
        reload();
      }} />}
      {resetting && <ResetPassword user={resetting} onClose={() => setResetting(null)} />}
      {deleting && (
        <ConfirmDialog title={`Delete ${deleting.username}?`} confirmLabel="Delete user" onClose={() => setDeleting(null)}
          onConfirm={() => void remove(deleting)}>
          <p>The account, its sessions and its API keys are removed. Apps it deployed keep running.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function CreateUser({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('user');
  const [error, setError] = useState<ApiError>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api.createUser(username.trim(), password, role);
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  }
  return (
    <Dialog title="Create user" onClose={onClose}>
      <form className="stack dialog-body" onSubmit={submit}>
        <label htmlFor="new-username">Username</label>
        <input id="new-username" required value={username} onChange={(e) => setUsername(e.target.value)}
          pattern="[A-Za-z0-9][A-Za-z0-9._\-]{2,31}" aria-describedby="new-username-hint" />
        <p id="new-username-hint" className="hint">3 to 32 letters, digits, '.', '_' or '-'.</p>
        <label htmlFor="new-user-password">Password</label>
        <input id="new-user-password" type="password" autoComplete="new-password" required minLength={12} value={password}
          onChange={(e) => setPassword(e.target.value)} />
        <label htmlFor="new-user-role">Role</label>
        <select id="new-user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <option value="admin">admin — everything, including users</option>
          <option value="user">user — deploy and manage apps</option>
          <option value="viewer">viewer — read only</option>
        </select>
        <ErrorNotice error={error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn primary">Create</button>
        </div>
      </form>
    </Dialog>
  );
}

function ResetPassword({ user, onClose }: { user: User; onClose: () => void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api.updateUser(user.id, { password });
      setDone(true);
    } catch (err) {
      setError(err as ApiError);
    }
  }
  return (
    <Dialog title={`Reset the password of ${user.username}`} onClose={onClose}>
      {done ? (
        <div className="dialog-body">
          <p role="status">Done. {user.username} is signed out and must choose a new password at the next sign-in.</p>
          <div className="dialog-actions"><button type="button" className="btn primary" onClick={onClose}>Close</button></div>
        </div>
      ) : (
        <form className="stack dialog-body" onSubmit={submit}>
          <label htmlFor="reset-password">Temporary password</label>
          <input id="reset-password" type="password" autoComplete="new-password" required minLength={12} value={password}
            onChange={(e) => setPassword(e.target.value)} />
          <p className="hint">Give it to {user.username}; they replace it at their next sign-in.</p>
          <ErrorNotice error={error} />
          <div className="dialog-actions">
            <button type="button" className="btn" onClick={onClose}>Cancel</button>
            <button type="submit" className="btn primary">Reset password</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

const PAGE = 50;

function Audit() {
  const [pages, setPages] = useState<number[]>([0]);
  const before = pages[pages.length - 1];
  const { data, error, loading } = useLoad(() => api.audit({ limit: PAGE, before: before || undefined }), [before]);
  const entries: AuditEntry[] = data?.data ?? [];
  return (
    <section aria-labelledby="audit-title">
      <div className="section-head">
        <h2 id="audit-title">Audit log</h2>
        <div className="actions">
          <button type="button" className="btn" disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>Newer</button>
          <button type="button" className="btn" disabled={!data?.nextBefore}
            onClick={() => data?.nextBefore && setPages([...pages, data.nextBefore])}>Older</button>
        </div>
      </div>
      <p className="muted small">Page {pages.length}, newest first</p>
      <ErrorNotice error={error} />
      {loading && !data && <Loading what="the audit log" />}
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Action</th><th scope="col">Target</th><th scope="col">Result</th><th scope="col">From</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{dateTime(e.at)}</td>
                <td>{e.actor}</td>
                <td className="mono">{e.action}</td>
                <td>{e.target}{e.details && <div className="muted small">{e.details}</div>}</td>
                <td><span className={`status ${e.result === 'success' ? 'ok' : 'bad'}`}>{e.result}</span></td>
                <td className="mono small">{e.client}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
