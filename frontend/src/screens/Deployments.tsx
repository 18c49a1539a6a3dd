import { api } from '../api/endpoints';
import { ErrorNotice, Loading, PageHeader, StatusBadge } from '../components/bits';
import { useLoad } from '../hooks';
import { ago, dateTime, duration } from '../logic/format';
import { Link, useTitle } from '../router';
import { EnvironmentBadge } from '../components/EnvironmentPicker';
import { ALL, useEnvironment } from '../logic/environments';

/** Every deployment, newest first: what, status, who, when; each opens its stored events. */
export function Deployments() {
  useTitle('Deployments');
  const env = useEnvironment();
  const { data, error, loading, reload } = useLoad((s) => api.deployments({ limit: 200, env }, s), [env]);
  return (
    <>
      <PageHeader title="Deployments">
        <button type="button" className="btn" onClick={reload}>Refresh</button>
      </PageHeader>
      <ErrorNotice error={error} />
      {loading && !data && <Loading what="deployments" />}
      {data && data.data.length === 0 && <p className="empty">No deployments yet. Pick an app in the <Link href="/catalog">catalog</Link>.</p>}
      {data && data.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">App</th>{env === ALL && <th scope="col">Environment</th>}<th scope="col">Status</th><th scope="col">By</th><th scope="col">When</th><th scope="col">Took</th><th scope="col">Events</th></tr>
            </thead>
            <tbody>
              {data.data.map((d) => (
                <tr key={d.id}>
                  <th scope="row"><Link href={`/apps/${encodeURIComponent(d.appId)}`}>{d.appName}</Link>
                    {d.redeploy && <span className="muted"> (redeploy)</span>}
                    {d.kind === 'stack' && <> <span className="role-tag" title="Deployed as a swarm stack">stack</span></>}</th>
                  {env === ALL && <td><EnvironmentBadge name={d.environment} /></td>}
                  <td><StatusBadge status={d.status} />{d.reason && <div className="muted small">{d.reason}</div>}</td>
                  <td>{d.createdBy}</td>
                  <td title={dateTime(d.createdAt)}>{ago(d.createdAt)}</td>
                  <td>{duration(d.durationMs)}</td>
                  <td><Link href={`/deploys/${d.id}`} aria-label={`Events of ${d.appName} ${ago(d.createdAt)}`}>Events</Link></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
