import { useMemo, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { AppDetail, Container, ModeType, PortsCheck, SettingView } from '../api/types';
import { AppIcon, ErrorNotice, Loading, Notice, RiskBadges } from '../components/bits';
import { useLoad } from '../hooks';
import { canWrite, deployBlockers } from '../logic/roles';
import { configFor, groups, initialValues, portConflicts, validate, type Values } from '../logic/settings';
import { Link, navigate, useLocation, useTitle } from '../router';
import { LOCAL, targetOf, useEnvironment } from '../logic/environments';
import { useUser } from '../session';

const MODES: { type: ModeType; label: string; says: string }[] = [
  { type: 'standard', label: 'Standard', says: 'The app answers on its own port of this host. Needs nothing else.' },
  { type: 'traefik', label: 'Traefik', says: 'Served by your Traefik reverse proxy at https://<app>.<Domain>, with no host port. Needs Traefik running on the shared Docker network and a DNS name for the domain.' },
  { type: 'authelia', label: 'Authelia', says: 'Like Traefik, with an Authelia sign-in in front of the app. Needs Traefik and Authelia running, with Authelia’s forward-auth middleware.' },
];

interface FormData {
  app: AppDetail;
  ports: PortsCheck | null;
  own: Container[];
  previous: Record<string, string>;
  previousMode?: string;
}

/** Ports and the app's own containers are read where it will be deployed: {@code env}. */
async function loadForm(id: string, redeploy: boolean, env: string, signal: AbortSignal): Promise<FormData> {
  const [app, ports, own, last] = await Promise.all([
    api.app(id, signal),
    api.portsCheck(signal, env).catch(() => null),
    api.containers({ app: id, env }, signal).then((r) => r.data, () => [] as Container[]),
    redeploy ? api.deployments({ app: id, status: 'succeeded', limit: 1, env }, signal).then((r) => r.data[0], () => undefined)
      : Promise.resolve(undefined),
  ]);
  return { app: app.data, ports, own, previous: last?.settings ?? {}, previousMode: last?.mode };
}

/** The deploy form, built from the app's settings schema; sends POST /deploy and opens the progress view. */
export function DeployForm({ id }: { id: string }) {
  const { search } = useLocation();
  const redeploy = search.get('redeploy') === '1';
  const env = targetOf(useEnvironment());
  const { data, error, loading } = useLoad((s) => loadForm(id, redeploy, env, s), [id, redeploy, env]);
  useTitle(data ? `${redeploy ? 'Redeploy' : 'Deploy'} ${data.app.name}` : 'Deploy');
  if (loading && !data) return <Loading what="the settings" />;
  if (error || !data) return <ErrorNotice error={error} />;
  return <Form data={data} redeploy={redeploy} env={env} />;
}

function Form({ data, redeploy, env }: { data: FormData; redeploy: boolean; env: string }) {
  const user = useUser();
  const { app } = data;
  const [values, setValues] = useState<Values>(() => initialValues(app.settings, data.previous));
  const [mode, setMode] = useState<ModeType>((data.previousMode as ModeType) ?? 'standard');
  const [pullAlways, setPullAlways] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const { app: own, standard } = groups(app.settings);
  const ownNames = new Set(data.own.map((c) => c.name));
  // a redeploy replaces the app's own containers, so the ports they hold are not conflicts
  const used = (data.ports?.ports ?? []).filter((p) => !(p.container && ownNames.has(p.container)));
  const conflicts = useMemo(() => (mode === 'standard' ? portConflicts(app.settings, values, used) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [values, mode, data]);
  const blockers = deployBlockers(user.role, app);

  /** Asks the server for the next free port above the taken one (GET /ports/available). */
  async function pickFreePort(key: string, from: number) {
    try {
      const { port } = await api.portAvailable(Math.min(from + 1, 65535), 65535, env);
      setValues((v) => ({ ...v, [key]: String(port) }));
    } catch (err) {
      setError(err as ApiError);
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const found = validate(app.settings, values);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`setting-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const accepted = await api.deploy({
        appId: app.id, config: configFor(app.settings, values), mode: { type: mode },
        redeploy: redeploy || undefined, pull: pullAlways ? 'always' : undefined,
      }, env);
      navigate(`/deploys/${accepted.deploymentId}`);
    } catch (err) {
      setError(err as ApiError);
      setBusy(false);
    }
  }

  if (!canWrite(user.role)) return <Notice kind="warn">The viewer role cannot deploy apps.</Notice>;
  const verb = redeploy ? 'Redeploy' : 'Deploy';
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/catalog">Catalog</Link> / <Link href={`/apps/${encodeURIComponent(app.id)}`}>{app.name}</Link> / {verb}
      </nav>
      <header className="app-head compact">
        <AppIcon name={app.name} id={app.id} />
        <div className="app-head-text">
          <h1>{verb} {app.name}</h1>
          <RiskBadges risk={app.risk} adminOnly={app.adminOnly} />
        </div>
      </header>
      {blockers.length > 0 && <Notice kind="warn">{blockers.join(' ')}</Notice>}
      {env !== LOCAL && <Notice>It is deployed to the environment <strong>{env}</strong> (the top bar's choice).</Notice>}
      {redeploy && <Notice>The running app is replaced only once the new one runs; if the new one fails, the old one comes back.</Notice>}
      <form className="deploy-form" onSubmit={submit} noValidate aria-label={`${verb} ${app.name}`}>
        {own.length > 0 && (
          <fieldset>
            <legend>Settings of {app.name}</legend>
            {own.map((s) => <Field key={s.key} s={s} value={values[s.key] ?? ''} problem={problems[s.key]}
              redeploy={redeploy} onChange={(v) => setValues({ ...values, [s.key]: v })} />)}
          </fieldset>
        )}
        <fieldset>
          <legend>How it is reached</legend>
          <div className="modes" role="radiogroup" aria-label="Mode">
            {MODES.map((m) => (
              <label key={m.type} className={`mode${mode === m.type ? ' chosen' : ''}`}>
                <input type="radio" name="mode" value={m.type} checked={mode === m.type}
                  disabled={m.type !== 'standard' && !app.webUi} onChange={() => setMode(m.type)} />
                <span className="mode-name">{m.label}</span>
                <span className="mode-says">{m.says}</span>
              </label>
            ))}
          </div>
          {!app.webUi && <p className="hint">This app has no web UI, so only the standard mode applies.</p>}
        </fieldset>
        {standard.length > 0 && (
          <details className="fieldset-like">
            <summary>Common settings (time zone, user ids, app folder, domain)</summary>
            {standard.map((s) => <Field key={s.key} s={s} value={values[s.key] ?? ''} problem={problems[s.key]}
              redeploy={redeploy} onChange={(v) => setValues({ ...values, [s.key]: v })} />)}
          </details>
        )}
        <label className="check">
          <input type="checkbox" checked={pullAlways} onChange={(e) => setPullAlways(e.target.checked)} />
          Pull the images again even if they are present (to get a newer <span className="mono">latest</span>)
        </label>
        {conflicts.length > 0 && (
          <Notice kind="warn">
            <strong>Port already in use.</strong>
            <ul>{conflicts.map((c) => (
              <li key={c.key}>
                Port {c.port} ({c.key}) is used by {c.holder}. Choose another, or the deploy will be refused.{' '}
                <button type="button" className="btn small" onClick={() => void pickFreePort(c.key, c.port)}>
                  Use a free port for {c.key}
                </button>
              </li>
            ))}</ul>
          </Notice>
        )}
        {data.ports && !data.ports.hostPortsVisible && (
          <p className="hint">Ports of host processes cannot be seen from here; only containers' ports were checked.</p>
        )}
        <ErrorNotice error={error} title={error?.status === 403 ? 'Not allowed' : undefined} />
        <div className="form-actions">
          <button type="submit" className="btn primary" disabled={busy}>{busy ? 'Starting…' : verb}</button>
          <Link className="btn" href={`/apps/${encodeURIComponent(app.id)}`}>Cancel</Link>
        </div>
      </form>
    </>
  );
}

function Field({ s, value, problem, redeploy, onChange }: {
  s: SettingView; value: string; problem?: string; redeploy: boolean; onChange: (v: string) => void;
}) {
  const id = `setting-${s.key}`;
  const hintId = `${id}-hint`;
  const [shown, setShown] = useState(false);
  const hints: string[] = [];
  if (s.description) hints.push(s.description);
  if (s.secret && s.generate) hints.push(redeploy ? 'Leave empty to keep the current value.' : 'Leave empty and a strong random value is generated; it is stored with the deployment and never shown.');
  else if (s.secret && s.default) hints.push('Leave empty to use the template’s default.');
  const label = `${s.label ?? s.key}${s.required && !s.generate ? ' (required)' : ''}`;
  return (
    <div className={`field${problem ? ' invalid' : ''}`}>
      {s.type === 'boolean' ? (
        <label className="check">
          <input id={id} type="checkbox" checked={value === 'true'} onChange={(e) => onChange(e.target.checked ? 'true' : 'false')}
            aria-describedby={hints.length ? hintId : undefined} />
          {label}
        </label>
      ) : (
        <>
          <label htmlFor={id}>{label} <span className="mono muted">{s.key}</span></label>
          <div className="input-row">
            <input id={id} name={s.key} value={value} onChange={(e) => onChange(e.target.value)}
              type={s.secret && !shown ? 'password' : s.type === 'port' || s.type === 'number' ? 'text' : 'text'}
              inputMode={s.type === 'port' || s.type === 'number' ? 'numeric' : undefined}
              autoComplete={s.secret ? 'new-password' : 'off'} spellCheck={false}
              placeholder={s.secret ? (s.generate ? 'generated if empty' : '') : s.default ?? ''}
              aria-invalid={problem ? true : undefined}
              aria-describedby={[hints.length ? hintId : '', problem ? `${id}-problem` : ''].filter(Boolean).join(' ') || undefined} />
            {s.secret && (
              <button type="button" className="btn ghost" aria-pressed={shown} onClick={() => setShown(!shown)}
                aria-label={`${shown ? 'Hide' : 'Show'} ${s.label ?? s.key}`}>{shown ? 'Hide' : 'Show'}</button>
            )}
          </div>
        </>
      )}
      {hints.length > 0 && <p id={hintId} className="hint">{hints.join(' ')}</p>}
      {problem && <p id={`${id}-problem`} className="problem">{problem}</p>}
    </div>
  );
}
