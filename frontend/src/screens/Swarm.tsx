import { useEffect, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { StackServiceView } from '../api/types';
import { ErrorNotice, Loading, Notice, PageHeader, StatusBadge } from '../components/bits';
import { useLoad } from '../hooks';
import { targetOf, useEnvironment } from '../logic/environments';
import { canWrite } from '../logic/roles';
import { useTitle } from '../router';
import { useUser } from '../session';

/** Swarm has no stream of task changes: the screen looks again this often, as the server's rollout does. */
const REFRESH_MS = 3000;

/** The chosen environment's swarm: its nodes, and its stacks with each service's tasks and the node each runs on. */
export function Swarm() {
  const env = targetOf(useEnvironment());
  const user = useUser();
  useTitle('Swarm');
  const nodes = useLoad((s) => api.swarmNodes(env, s), [env]);
  const stacks = useLoad((s) => api.swarmStacks(env, s), [env]);
  const { reload } = stacks;
  useEffect(() => {
    const timer = setInterval(reload, REFRESH_MS);
    return () => clearInterval(timer);
  }, [reload]);
  const error = nodes.error ?? stacks.error;
  return (
    <>
      <PageHeader title={`Swarm · ${env}`}>
        <button type="button" className="btn" onClick={() => { nodes.reload(); stacks.reload(); }}>Refresh</button>
      </PageHeader>
      {error?.status === 409
        ? <Notice kind="warn">The engine of <strong>{env}</strong> is not a swarm manager. Choose a manager in the
          environment picker.</Notice>
        : <ErrorNotice error={error} />}
      {nodes.loading && !nodes.data && <Loading what="nodes" />}
      {nodes.data && (
        <section aria-labelledby="nodes-title">
          <h2 id="nodes-title">Nodes ({nodes.data.data.length})</h2>
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">Node</th><th scope="col">Role</th><th scope="col">Availability</th>
                <th scope="col">State</th><th scope="col">Address</th></tr></thead>
              <tbody>
                {nodes.data.data.map((n) => (
                  <tr key={n.id}>
                    <th scope="row">{n.hostname ?? n.id}</th><td>{n.role}</td><td>{n.availability}</td>
                    <td><StatusBadge status={n.state ?? 'unknown'} /></td>
                    <td className="mono">{n.address}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
      {stacks.loading && !stacks.data && <Loading what="stacks" />}
      {stacks.data && (
        <section aria-labelledby="stacks-title">
          <h2 id="stacks-title">Stacks ({stacks.data.data.length})</h2>
          {stacks.data.data.length === 0 && <p>No stack deployed on this swarm yet.</p>}
          {stacks.data.data.map((stack) => (
            <section key={stack.app} className="panel" aria-label={`Stack ${stack.app}`}>
              <h3>{stack.app}</h3>
              {stack.services.map((s) => (
                <ServiceRow key={s.name} app={stack.app} service={s} env={env} canScale={canWrite(user.role)}
                  onScaled={reload} />
              ))}
            </section>
          ))}
        </section>
      )}
    </>
  );
}

function ServiceRow({ app, service, env, canScale, onScaled }: {
  app: string; service: StackServiceView; env: string; canScale: boolean; onScaled: () => void;
}) {
  const [replicas, setReplicas] = useState(String(service.replicas ?? 1));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  async function scale(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      await api.scaleService(app, service.service, Number(replicas), env);
      onScaled();
    } catch (err) {
      setError(err as ApiError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="swarm-service" aria-label={`Service ${service.service}`}>
      <p>
        <strong>{service.service}</strong> <span className="mono">{service.image}</span>{' '}
        <span aria-label="Replicas running">{service.running} / {service.replicas ?? '?'} running</span>
        {service.updateState && <> · update {service.updateState}</>}
      </p>
      {canScale && (
        <form className="inline-form" onSubmit={scale}>
          <label htmlFor={`scale-${app}-${service.service}`}>Replicas</label>
          <input id={`scale-${app}-${service.service}`} inputMode="numeric" value={replicas}
            onChange={(e) => setReplicas(e.target.value)} />
          <button type="submit" className="btn" disabled={busy}>Scale</button>
        </form>
      )}
      <ErrorNotice error={error} />
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">Slot</th><th scope="col">Node</th><th scope="col">State</th>
            <th scope="col">Message</th></tr></thead>
          <tbody>
            {service.tasks.map((t) => (
              <tr key={t.id}>
                <th scope="row">{t.slot ?? '–'}</th><td>{t.node ?? '–'}</td>
                <td><StatusBadge status={t.state ?? 'unknown'} /></td><td>{t.error || t.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
