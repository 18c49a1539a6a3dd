import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { ChannelType, NotificationChannel } from '../api/types';
import { ConfirmDialog, Dialog } from '../components/Dialog';
import { ErrorNotice, Loading, Notice } from '../components/bits';
import { useLoad } from '../hooks';
import { dateTime } from '../logic/format';

/** Notification channels (admin): list with last error, send test, enable/disable, delete; and the deliveries log. */
export function Notifications() {
  const { data, error, loading, reload } = useLoad(() => api.channels(), []);
  const deliveries = useLoad(() => api.deliveries(20), []);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<NotificationChannel | null>(null);
  const [problem, setProblem] = useState<ApiError>();
  const [tested, setTested] = useState<{ name: string; delivered: boolean; error: string | null }>();

  async function act(work: () => Promise<unknown>) {
    setProblem(undefined);
    try {
      await work();
    } catch (e) {
      setProblem(e as ApiError);
    }
    reload();
    deliveries.reload();
  }

  async function test(c: NotificationChannel) {
    await act(async () => {
      const answer = await api.testChannel(c.id);
      setTested({ name: c.name, ...answer.data });
    });
  }

  return (
    <>
      <section aria-labelledby="channels-title">
        <div className="section-head">
          <h2 id="channels-title">Notification channels</h2>
          <button type="button" className="btn primary" onClick={() => setCreating(true)}>Add channel</button>
        </div>
        <ErrorNotice error={error} />
        <ErrorNotice error={problem} />
        {tested && (tested.delivered
          ? <Notice kind="ok">Test sent to {tested.name}.</Notice>
          : <Notice kind="bad">Test to {tested.name} failed: {tested.error}</Notice>)}
        {loading && !data && <Loading what="channels" />}
        {data && data.data.length === 0 && <p className="muted">No channels yet: add one to hear about failed deployments.</p>}
        {data && data.data.length > 0 && (
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">Channel</th><th scope="col">Events</th><th scope="col">Last delivery</th>
                <th scope="col">Actions</th></tr></thead>
              <tbody>
                {data.data.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">{c.name} <span className="muted small">({c.type}{c.enabled ? '' : ', off'})</span></th>
                    <td className="small">{c.events.join(', ')}</td>
                    <td className="small">
                      {c.lastSuccessAt && <div>OK {dateTime(c.lastSuccessAt)}</div>}
                      {c.lastError && <div className="bad">Failed {dateTime(c.lastErrorAt ?? undefined)}: {c.lastError}</div>}
                    </td>
                    <td>
                      <div className="actions">
                        <button type="button" className="btn small" aria-label={`Send a test to ${c.name}`}
                          onClick={() => void test(c)}>Send test</button>
                        <button type="button" className="btn small" aria-label={`${c.enabled ? 'Turn off' : 'Turn on'} ${c.name}`}
                          onClick={() => void act(() => api.updateChannel(c.id, { enabled: !c.enabled }))}>
                          {c.enabled ? 'Turn off' : 'Turn on'}</button>
                        <button type="button" className="btn small danger" aria-label={`Delete ${c.name}`}
                          onClick={() => setDeleting(c)}>Delete</button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="deliveries-title">
        <div className="section-head">
          <h2 id="deliveries-title">Recent deliveries</h2>
          {/* retries go on in the background: their outcome comes later */}
          <button type="button" className="btn" onClick={() => deliveries.reload()}>Refresh deliveries</button>
        </div>
        <ErrorNotice error={deliveries.error} />
        {deliveries.data && (
          <div className="table-wrap">
            <table>
              <thead><tr><th scope="col">When</th><th scope="col">Event</th><th scope="col">Channel</th>
                <th scope="col">Status</th><th scope="col">Last error</th></tr></thead>
              <tbody>
                {deliveries.data.data.map((d) => (
                  <tr key={d.id}>
                    <td>{dateTime(d.createdAt)}</td>
                    <td>{d.title}</td>
                    <td>{data?.data.find((c) => c.id === d.channelId)?.name ?? d.channelId}</td>
                    <td>{d.status}{d.attempts > 1 ? ` (${d.attempts} attempts)` : ''}</td>
                    <td className="small">{d.lastError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {creating && <CreateChannel onClose={() => setCreating(false)} onDone={() => {
        setCreating(false);
        reload();
      }} />}
      {deleting && (
        <ConfirmDialog title={`Delete ${deleting.name}?`} confirmLabel="Delete channel" onClose={() => setDeleting(null)}
          onConfirm={() => {
            const c = deleting;
            setDeleting(null);
            void act(() => api.deleteChannel(c.id));
          }}>
          <p>The channel and its deliveries log are removed.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function CreateChannel({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const types = useLoad(() => api.channelTypes(), []);
  const [name, setName] = useState('');
  const [type, setType] = useState<ChannelType>('webhook');
  const [events, setEvents] = useState<string[]>(['deployment.failed', 'container.restarting']);
  const [settings, setSettings] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const fields = types.data?.data.find((t) => t.type === type)?.fields ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const given = Object.fromEntries(fields.map((f) => [f.name, (settings[f.name] ?? '').trim()])
      .filter(([, v]) => v !== ''));
    try {
      await api.createChannel({ name: name.trim(), type, events, settings: given });
      onDone();
    } catch (err) {
      setError(err as ApiError);
    }
  }

  return (
    <Dialog title="Add a notification channel" onClose={onClose} wide>
      <form className="stack dialog-body" onSubmit={submit}>
        <ErrorNotice error={types.error} />
        <label htmlFor="channel-name">Name</label>
        <input id="channel-name" required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="channel-type">Type</label>
        <select id="channel-type" value={type} onChange={(e) => {
          setType(e.target.value as ChannelType);
          setSettings({});
        }}>
          {(types.data?.data ?? []).map((t) => <option key={t.type} value={t.type}>{t.type}</option>)}
        </select>
        {fields.map((f) => (
          <div key={`${type}-${f.name}`} className="stack">
            <label htmlFor={`channel-${f.name}`}>{f.name}{f.required ? '' : ' (optional)'}</label>
            <input id={`channel-${f.name}`} required={f.required} type={f.secret ? 'password' : f.url ? 'url' : 'text'}
              autoComplete="off" value={settings[f.name] ?? ''}
              onChange={(e) => setSettings({ ...settings, [f.name]: e.target.value })} />
          </div>
        ))}
        <fieldset>
          <legend>Events</legend>
          {(types.data?.events ?? []).map((ev) => (
            <label key={ev} className="check">
              <input type="checkbox" checked={events.includes(ev)}
                onChange={(e) => setEvents(e.target.checked ? [...events, ev] : events.filter((x) => x !== ev))} />
              {' '}{ev}
            </label>
          ))}
        </fieldset>
        <p className="hint">Secret settings are encrypted on the server and never shown again.</p>
        <ErrorNotice error={error} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>Cancel</button>
          <button type="submit" className="btn primary">Add channel</button>
        </div>
      </form>
    </Dialog>
  );
}
