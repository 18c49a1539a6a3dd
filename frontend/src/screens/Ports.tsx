import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { ErrorNotice, Loading, Notice, PageHeader } from '../components/bits';
import { useLoad } from '../hooks';
import { Link, useTitle } from '../router';
import { targetOf, useEnvironment } from '../logic/environments';

/** Host ports in use (by containers and by host processes) and a free-port finder. */
export function Ports() {
  const env = targetOf(useEnvironment());
  useTitle('Ports');
  const { data, error, loading, reload } = useLoad((s) => api.portsCheck(s, env), [env]);
  const [start, setStart] = useState('8000');
  const [end, setEnd] = useState('9000');
  const [free, setFree] = useState<number>();
  const [findError, setFindError] = useState<ApiError>();

  async function find(e: FormEvent) {
    e.preventDefault();
    setFree(undefined);
    setFindError(undefined);
    try {
      setFree((await api.portAvailable(Number(start), Number(end), env)).port);
    } catch (err) {
      setFindError(err as ApiError);
    }
  }

  return (
    <>
      <PageHeader title="Ports"><button type="button" className="btn" onClick={reload}>Refresh</button></PageHeader>
      <section aria-labelledby="free-title" className="panel">
        <h2 id="free-title">Find a free port</h2>
        <form className="inline-form" onSubmit={find}>
          <label htmlFor="port-start">From</label>
          <input id="port-start" inputMode="numeric" value={start} onChange={(e) => setStart(e.target.value)} />
          <label htmlFor="port-end">to</label>
          <input id="port-end" inputMode="numeric" value={end} onChange={(e) => setEnd(e.target.value)} />
          <button type="submit" className="btn primary">Find a free port</button>
        </form>
        {free !== undefined && <Notice kind="ok">Port <strong className="mono">{free}</strong> is free.</Notice>}
        <ErrorNotice error={findError} />
      </section>
      <ErrorNotice error={error} />
      {loading && !data && <Loading what="ports" />}
      {data && !data.hostPortsVisible && (
        <Notice kind="warn">Ports of host processes cannot be seen from where the server runs; only containers' ports are listed.</Notice>
      )}
      {data && (
        <section aria-labelledby="used-title">
          <h2 id="used-title">In use ({data.ports.length})</h2>
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">Port</th><th scope="col">Protocol</th><th scope="col">Used by</th></tr></thead>
              <tbody>
                {data.ports.map((p) => (
                  <tr key={`${p.port}-${p.protocol}-${p.source}-${p.container ?? ''}`}>
                    <th scope="row" className="mono">{p.port}</th>
                    <td>{p.protocol}</td>
                    <td>{p.container
                      ? <>container <Link href={`/host/containers/${encodeURIComponent(p.container)}/logs`}>{p.container}</Link></>
                      : 'a host process'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </>
  );
}
