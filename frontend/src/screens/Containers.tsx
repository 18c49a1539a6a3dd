import { useCallback, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { Container, StatsEvent } from '../api/types';
import { ConfirmDialog } from '../components/Dialog';
import { ErrorNotice, Loading, PageHeader, StatusBadge } from '../components/bits';
import { useEventStream, useLoad } from '../hooks';
import { bytes, percent, rate } from '../logic/format';
import { canWrite } from '../logic/roles';
import { listIsStale, nextStats, type LiveStats } from '../logic/stats';
import { Link, useTitle } from '../router';
import { useUser } from '../session';
import { UpdateBadge } from './AppUpdates';
import { EnvironmentBadge } from '../components/EnvironmentPicker';
import { ALL, LOCAL, useEnvironment } from '../logic/environments';

type Action = 'start' | 'stop' | 'restart';

/** One entry per host port: Docker lists a port twice when it is published on IPv4 and IPv6. */
function publishedPorts(c: Container) {
  const seen = new Set<string>();
  return c.ports.filter((p) => {
    const key = `${p.hostPort}/${p.protocol}`;
    if (!p.hostPort || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Every container with live figures from one stats stream, its ports as links, actions and logs. */
export function Containers() {
  useTitle('Containers');
  const user = useUser();
  const writer = canWrite(user.role);
  const env = useEnvironment();
  const { data, error, loading, reload } = useLoad((s) => api.containers({ env }, s), [env]);
  const updates = useLoad((s) => api.updates(s).catch(() => ({ data: [] })), []);
  const outdated = useMemo(() => new Set((updates.data?.data ?? []).flatMap((a) => a.containers)
    .filter((c) => c.status === 'update-available').map((c) => c.container)), [updates.data]);
  const [stats, setStats] = useState<Map<string, LiveStats>>(new Map());
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<ApiError>();
  const [removing, setRemoving] = useState<Container | null>(null);
  const [filter, setFilter] = useState('');
  const running = useMemo(() => new Set((data?.data ?? []).filter((c) => c.state === 'running').map((c) => c.id)), [data]);
  const lastReload = useRef(0);

  const onStats = useCallback((d: unknown) => {
    const event = d as StatsEvent;
    setStats((prev) => nextStats(prev, event));
    // a container started or stopped elsewhere: reload the list, at most every 5 s
    if (data && listIsStale(running, event) && Date.now() - lastReload.current > 5000) {
      lastReload.current = Date.now();
      reload();
    }
  }, [data, running, reload]);
  // one stats stream: the chosen environment's (with all of them chosen, the local one's figures)
  const stream = useEventStream(api.statsUrl(env === ALL ? LOCAL : env), { stats: onStats });

  async function act(c: Container, action: Action) {
    setBusy(c.id);
    setActionError(undefined);
    try {
      await api.containerAction(c.id, action, c.environment);
    } catch (e) {
      setActionError(e as ApiError);
    }
    setBusy(null);
    reload();
  }

  async function remove(c: Container) {
    setBusy(c.id);
    try {
      await api.removeContainer(c.id, c.state === 'running' || c.state === 'restarting', c.environment);
    } catch (e) {
      setActionError(e as ApiError);
    }
    setBusy(null);
    setRemoving(null);
    reload();
  }

  const rows = (data?.data ?? []).filter((c) => !filter || `${c.name} ${c.image} ${c.app ?? ''}`.toLowerCase().includes(filter.toLowerCase()));
  return (
    <>
      <PageHeader title="Containers">
        <span className="muted small" aria-live="polite">{stream === 'open' ? 'Live figures' : 'Connecting to live figures…'}</span>
        <button type="button" className="btn" onClick={reload}>Refresh</button>
      </PageHeader>
      <label className="search narrow">
        <span className="sr-only">Filter containers</span>
        <input type="search" aria-label="Filter containers" placeholder="Filter by name, image or app" value={filter}
          onChange={(e) => setFilter(e.target.value)} />
      </label>
      <ErrorNotice error={error} />
      <ErrorNotice error={actionError} />
      {loading && !data && <Loading what="containers" />}
      {data && rows.length > 0 && (
        <div className="table-wrap">
          <table className="containers">
            <thead>
              <tr>
                <th scope="col">Name</th>{env === ALL && <th scope="col">Environment</th>}<th scope="col">State</th><th scope="col">App</th><th scope="col">Ports</th>
                <th scope="col">CPU</th><th scope="col">Memory</th><th scope="col">Network ↓ / ↑</th><th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => {
                const s = stats.get(c.id);
                const isRunning = c.state === 'running';
                return (
                  <tr key={c.id} aria-busy={busy === c.id || undefined}>
                    <th scope="row"><span className="mono">{c.name}</span><UpdateBadge available={outdated.has(c.name)} />
                      <div className="muted small mono">{c.image}</div>
                      {env !== ALL && env !== LOCAL && <EnvironmentBadge name={c.environment} />}</th>
                    {env === ALL && <td><EnvironmentBadge name={c.environment} /></td>}
                    <td><StatusBadge status={c.state} /><div className="muted small">{c.status}</div></td>
                    <td>{c.app ? <Link href={`/apps/${encodeURIComponent(c.app)}`}>{c.app}</Link> : <span className="muted">–</span>}</td>
                    <td>{publishedPorts(c).map((p) => (
                      <div key={`${p.hostPort}-${p.protocol}`}>
                        {p.protocol === 'tcp'
                          ? <a href={`http://${location.hostname}:${p.hostPort}/`} target="_blank" rel="noopener noreferrer">{p.hostPort}</a>
                          : p.hostPort}<span className="muted">→{p.containerPort}/{p.protocol}</span>
                      </div>))}</td>
                    <td className="num" data-label="CPU">{isRunning && s ? percent(s.cpuPercent) : '–'}</td>
                    <td className="num" data-label="Memory">{isRunning && s ? bytes(s.memoryUsedBytes) : '–'}</td>
                    <td className="num" data-label="Network">{isRunning && s ? `${rate(s.rxRate)} / ${rate(s.txRate)}` : '–'}</td>
                    <td>
                      <div className="actions">
                        <Link className="btn small" href={`/host/containers/${encodeURIComponent(c.name)}/logs${
                          c.environment && c.environment !== LOCAL ? `?env=${encodeURIComponent(c.environment)}` : ''}`}
                          aria-label={`Logs of ${c.name}`}>Logs</Link>
                        {writer && !isRunning && <button type="button" className="btn small" disabled={busy === c.id}
                          aria-label={`Start ${c.name}`} onClick={() => void act(c, 'start')}>Start</button>}
                        {writer && isRunning && <button type="button" className="btn small" disabled={busy === c.id}
                          aria-label={`Stop ${c.name}`} onClick={() => void act(c, 'stop')}>Stop</button>}
                        {writer && isRunning && <button type="button" className="btn small" disabled={busy === c.id}
                          aria-label={`Restart ${c.name}`} onClick={() => void act(c, 'restart')}>Restart</button>}
                        {writer && <button type="button" className="btn small danger" disabled={busy === c.id}
                          aria-label={`Remove ${c.name}`} onClick={() => setRemoving(c)}>Remove</button>}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {data && rows.length === 0 && <p className="empty">No containers{filter ? ' match the filter' : ''}.</p>}
      {removing && (
        <ConfirmDialog title={`Remove ${removing.name}?`} confirmLabel="Remove" busy={busy === removing.id}
          onClose={() => setRemoving(null)} onConfirm={() => void remove(removing)}>
          <p>The container is deleted{removing.state === 'running' ? ' (it is running: it is stopped first)' : ''}. Its named volumes are kept.</p>
          {removing.app && <p className="hint">It belongs to {removing.app}; to remove the whole app, undeploy it from its app page.</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
