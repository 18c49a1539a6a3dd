import { useState } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { useEnvironment } from '../logic/environments';
import type { AppDetail, Container, Deployment } from '../api/types';
import { ConfirmDialog } from '../components/Dialog';
import { AppIcon, ErrorNotice, Loading, Notice, RiskBadges, StatusBadge } from '../components/bits';
import { useLoad } from '../hooks';
import { ago } from '../logic/format';
import { canWrite, deployBlockers } from '../logic/roles';
import { deployedWebUi } from '../logic/webui';
import { Link, navigate, useTitle } from '../router';
import { useUser } from '../session';
import { AppUpdates } from './AppUpdates';

interface AppState {
  app: AppDetail;
  containers: Container[];
  deployments: Deployment[];
}

async function loadApp(id: string, env: string, signal: AbortSignal): Promise<AppState> {
  const [app, containers, deployments] = await Promise.all([
    api.app(id, signal),
    api.containers({ app: id, env }, signal).catch(() => ({ data: [] as Container[] })),
    api.deployments({ app: id, limit: 5, env }, signal).catch(() => ({ data: [] as Deployment[] })),
  ]);
  return { app: app.data, containers: containers.data, deployments: deployments.data };
}

/** One app: what it is and runs, its risks, and the Deploy (or Redeploy / Undeploy) actions. */
export function AppPage({ id }: { id: string }) {
  const user = useUser();
  const env = useEnvironment();
  const { data, error, loading, reload } = useLoad((s) => loadApp(id, env, s), [id, env]);
  useTitle(data?.app.name ?? 'App');
  const [undeploying, setUndeploying] = useState(false);
  if (loading && !data) return <Loading what="the app" />;
  if (error || !data) return <ErrorNotice error={error} title={error?.status === 404 ? 'No such app' : undefined} />;
  const { app, containers, deployments } = data;
  const deployed = containers.length > 0;
  const webUi = deployedWebUi(app, containers, location.hostname);
  const blockers = deployBlockers(user.role, app);
  const writer = canWrite(user.role);
  const running = deployments.find((d) => !['succeeded', 'failed', 'rolled-back', 'cancelled', 'interrupted'].includes(d.status));

  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb"><Link href="/catalog">Catalog</Link> / {app.name}</nav>
      <header className="app-head">
        <AppIcon name={app.name} id={app.id} size={64} />
        <div className="app-head-text">
          <h1>{app.name}</h1>
          <p className="muted">{app.category}{app.custom ? ' · your template' : ''} · <span className="mono">{app.image}</span></p>
          <p>{app.description}</p>
          <RiskBadges risk={app.risk} adminOnly={app.adminOnly} />
        </div>
        <div className="app-actions">
          {webUi && <a className="btn primary" href={webUi} target="_blank" rel="noopener noreferrer">Open web UI</a>}
          {running && <Link className="btn" href={`/deploys/${running.id}`}>Watch deployment</Link>}
          {writer && blockers.length === 0 && !deployed && !running && (
            <button type="button" className="btn primary"
              onClick={() => navigate(`/apps/${encodeURIComponent(app.id)}/deploy`)}>Deploy</button>
          )}
          {writer && blockers.length === 0 && deployed && !running && (
            <button type="button" className="btn"
              onClick={() => navigate(`/apps/${encodeURIComponent(app.id)}/deploy?redeploy=1`)}>Redeploy</button>
          )}
          {writer && deployed && !running && (app.adminOnly !== true || user.role === 'admin') && (
            <button type="button" className="btn danger" onClick={() => setUndeploying(true)}>Undeploy</button>
          )}
        </div>
      </header>

      {blockers.length > 0 && writer && (
        <Notice kind="warn">
          <strong>Only an administrator can deploy {app.name}.</strong>
          <ul>{blockers.map((b) => <li key={b}>{b}</li>)}</ul>
        </Notice>
      )}
      {app.adminReasons && app.adminReasons.length > 0 && user.role === 'admin' && (
        <Notice kind="warn">
          <strong>Deploy with care: this app can take over the host.</strong>
          <ul>{app.adminReasons.map((b) => <li key={b}>{b}</li>)}</ul>
        </Notice>
      )}
      {app.notes && <Notice>{app.notes}</Notice>}
      {app.website && (
        <p><a href={app.website} target="_blank" rel="noopener noreferrer">Project website</a></p>
      )}

      {deployed && (
        <section aria-labelledby="running-title">
          <h2 id="running-title">Running containers</h2>
          <ul className="plain">
            {containers.map((c) => (
              <li key={c.id}><span className="mono">{c.name}</span> <StatusBadge status={c.state} /> {c.status}</li>
            ))}
          </ul>
        </section>
      )}

      {deployed && <AppUpdates appId={app.id} admin={user.role === 'admin'} />}

      <section aria-labelledby="services-title">
        <h2 id="services-title">Services</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">Service</th><th scope="col">Image</th><th scope="col">Ports</th><th scope="col">Volumes</th></tr></thead>
            <tbody>
              {app.services.map((s) => (
                <tr key={s.name}>
                  <th scope="row">{s.name}{s.privileged && <span className="badge severe">privileged</span>}</th>
                  <td className="mono">{s.image}</td>
                  <td>{s.networkMode === 'host' ? 'host network' : s.ports.map((p) =>
                    <div key={`${p.hostPort}-${p.containerPort}-${p.protocol}`} className="mono">
                      {p.hostPort ? `${p.hostPort} → ` : ''}{p.containerPort}/{p.protocol}
                    </div>)}</td>
                  <td>{s.volumes.map((v) => <div key={v} className="mono">{v}</div>)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="settings-title">
        <h2 id="settings-title">Settings</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">Setting</th><th scope="col">Type</th><th scope="col">Default</th><th scope="col">Notes</th></tr></thead>
            <tbody>
              {app.settings.map((s) => (
                <tr key={s.key}>
                  <th scope="row">{s.label ?? s.key} <span className="muted mono">{s.key}</span></th>
                  <td>{s.type}{s.required ? ', required' : ''}</td>
                  <td className="mono">{s.secret ? (s.generate ? 'generated' : '') : s.default ?? ''}</td>
                  <td>{s.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {deployments.length > 0 && (
        <section aria-labelledby="history-title">
          <h2 id="history-title">Recent deployments</h2>
          <ul className="plain">
            {deployments.map((d) => (
              <li key={d.id}>
                <Link href={`/deploys/${d.id}`}>{ago(d.createdAt)}</Link> <StatusBadge status={d.status} /> by {d.createdBy}
                {d.reason && <span className="muted"> — {d.reason}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {undeploying && <UndeployDialog app={app} containers={containers} onClose={() => setUndeploying(false)}
        onDone={() => {
          setUndeploying(false);
          reload();
        }} />}
    </>
  );
}

function UndeployDialog({ app, containers, onClose, onDone }: {
  app: AppDetail; containers: Container[]; onClose: () => void; onDone: () => void;
}) {
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  async function run() {
    setBusy(true);
    try {
      // from where its containers run (with all environments chosen: the first one's)
      await api.undeploy(app.id, removeVolumes, containers[0]?.environment);
      onDone();
    } catch (e) {
      setError(e as ApiError);
      setBusy(false);
    }
  }
  return (
    <ConfirmDialog title={`Undeploy ${app.name}?`} confirmLabel="Undeploy" busy={busy} onConfirm={() => void run()}
      onClose={onClose}>
      <p>This stops and removes its {containers.length} container(s) and its networks.</p>
      <label className="check">
        <input type="checkbox" checked={removeVolumes} onChange={(e) => setRemoveVolumes(e.target.checked)} />
        Also remove its named Docker volumes (the app's data in them is deleted for good)
      </label>
      <p className="hint">
        {removeVolumes ? 'Named volumes will be deleted.' : 'Named volumes are kept, so a later deploy finds the data again.'}
        {' '}Folders on the host (bind mounts such as the app folder) are never touched.
      </p>
      <ErrorNotice error={error} />
    </ConfirmDialog>
  );
}
