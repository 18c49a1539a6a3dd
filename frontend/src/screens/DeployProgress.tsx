import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import type { DeployEvent, Deployment } from '../api/types';
import { ConfirmDialog } from '../components/Dialog';
import { ErrorNotice, Loading, StatusBadge } from '../components/bits';
import { useEventStream, useLoad } from '../hooks';
import { dateTime, timeOfDay } from '../logic/format';
import { apply, applyAll, EMPTY_PROGRESS, isFinal, PHASES, phaseState, webUiUrl, type ProgressView } from '../logic/progress';
import { canWrite } from '../logic/roles';
import { Link, useTitle } from '../router';
import { useUser } from '../session';

// What this page saw of each deployment: coming back resumes the stream after the last event instead of replaying
const seen = new Map<string, ProgressView>();

const EVENT_TYPES = ['status', 'step', 'pull', 'log', 'complete', 'error'] as const;

/** A deployment as it runs (live over SSE, resumed with the last event id) or as it ended (its stored events). */
export function DeployProgress({ id }: { id: string }) {
  const { data, error, loading } = useLoad((s) => api.deployment(id, s), [id]);
  useTitle(data ? `Deploying ${data.data.appName}` : 'Deployment');
  if (loading && !data) return <Loading what="the deployment" />;
  if (error || !data) return <ErrorNotice error={error} />;
  return <Progress deployment={data.data} />;
}

function Progress({ deployment }: { deployment: Deployment }) {
  const user = useUser();
  const ended = isFinal(deployment.status);
  const [view, setView] = useState<ProgressView>(() =>
    ended ? applyAll(EMPTY_PROGRESS, deployment.events ?? []) : seen.get(deployment.id) ?? EMPTY_PROGRESS);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<ApiError>();
  const [confirmCancel, setConfirmCancel] = useState(false);
  // the stream's URL is fixed when it opens: later events must not reopen it
  const [url] = useState(() => (ended ? null : api.progressUrl(deployment.id, seen.get(deployment.id)?.lastSeq)));
  const logEnd = useRef<HTMLDivElement>(null);

  const handlers = Object.fromEntries(EVENT_TYPES.map((t) => [t, (data: unknown) => {
    setView((v) => {
      const next = apply(v, data as DeployEvent);
      seen.set(deployment.id, next);
      return next;
    });
    return t === 'complete' || t === 'error' ? 'close' as const : undefined;
  }]));
  const stream = useEventStream(view.ending ? null : url, handlers);

  useEffect(() => {
    logEnd.current?.scrollIntoView?.({ block: 'nearest' });
  }, [view.logs.length]);

  async function cancel() {
    setCancelling(true);
    try {
      await api.cancelDeployment(deployment.id);
    } catch (e) {
      setCancelError(e as ApiError);
    }
    setConfirmCancel(false);
  }

  const url2 = webUiUrl(view.ending, location.hostname);
  const running = !view.ending && !ended;
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link href="/deploys">Deployments</Link> / <Link href={`/apps/${encodeURIComponent(deployment.appId)}`}>{deployment.appName}</Link>
      </nav>
      <header className="page-head">
        <h1>{deployment.redeploy ? 'Redeploying' : 'Deploying'} {deployment.appName}</h1>
        <div className="page-actions">
          <StatusBadge status={view.ending ? view.status : ended ? deployment.status : view.status} />
          {running && canWrite(user.role) && (
            <button type="button" className="btn danger" disabled={cancelling} onClick={() => setConfirmCancel(true)}>
              {cancelling ? 'Cancelling…' : 'Cancel deployment'}
            </button>
          )}
        </div>
      </header>
      <p className="muted">
        Started {dateTime(deployment.createdAt)} by {deployment.createdBy} · mode {deployment.mode}
        {running && <span className="live" aria-live="polite"> · {stream === 'open' ? 'live' : 'connecting…'}</span>}
      </p>
      <ErrorNotice error={cancelError} />

      <Ending view={view} deployment={deployment} url={url2} />

      <div className="progress-layout">
        <section className="steps" aria-labelledby="steps-title">
          <h2 id="steps-title">Steps</h2>
          <ol className="phases">
            {PHASES.map((p) => {
              const state = phaseState(view, p.status);
              return (
                <li key={p.status} className={`phase ${state}`}>
                  <span className="phase-dot" aria-hidden="true" />
                  {p.label}<span className="sr-only"> ({state})</span>
                </li>
              );
            })}
          </ol>
          <ol className="step-list" aria-label="Step details">
            {view.steps.map((s) => (
              <li key={s.seq}><span className="muted mono">{timeOfDay(s.at)}</span> {s.message}</li>
            ))}
          </ol>
        </section>
        <section className="activity" aria-labelledby="pull-title">
          <h2 id="pull-title">Images</h2>
          {view.pulls.length === 0 && <p className="muted">No image pulled yet.</p>}
          {view.pulls.map((p) => (
            <div key={p.image} className="pull">
              <label className="mono" htmlFor={`pull-${p.image}`}>{p.image}</label>
              <progress id={`pull-${p.image}`} max={100} value={p.percent}>{p.percent} %</progress>
              <span className="pull-pct">{p.percent} %</span>
            </div>
          ))}
          <h2 id="log-title">Container output</h2>
          <div className="log-box" role="log" aria-labelledby="log-title">
            {view.logs.length === 0 && <p className="muted">Nothing yet.</p>}
            {view.logs.map((l) => (
              <div key={l.seq} className={`log-line ${l.stream}`}>
                <span className="log-src">{l.service}</span> {l.line}
              </div>
            ))}
            <div ref={logEnd} />
          </div>
        </section>
      </div>
      {confirmCancel && (
        <ConfirmDialog title="Cancel this deployment?" confirmLabel="Cancel deployment" onClose={() => setConfirmCancel(false)}
          onConfirm={() => void cancel()}>
          <p>Whatever it created so far is rolled back.</p>
        </ConfirmDialog>
      )}
    </>
  );
}

function Ending({ view, deployment, url }: { view: ProgressView; deployment: Deployment; url?: string }) {
  if (view.ending?.kind === 'success') {
    return (
      <div className="notice ok ending" role="status">
        <strong>{deployment.appName} is running.</strong>
        {url ? <> <a className="btn primary" href={url} target="_blank" rel="noopener noreferrer">Open web UI</a> <span className="mono">{url}</span></>
          : <span> It has no web UI of its own.</span>}
      </div>
    );
  }
  if (view.ending?.kind === 'failure') {
    return (
      <div className="notice bad ending" role="alert">
        <strong>The deployment {view.ending.status === 'cancelled' ? 'was cancelled' : 'failed'}.</strong>
        <p>{view.ending.reason}</p>
        {view.ending.rolledBack.length > 0 && (
          <>
            <p>Rolled back:</p>
            <ul>{view.ending.rolledBack.map((r) => <li key={r}>{r}</li>)}</ul>
          </>
        )}
        <Link className="btn" href={`/apps/${encodeURIComponent(deployment.appId)}/deploy`}>Try again</Link>
      </div>
    );
  }
  if (isFinal(deployment.status)) {
    return (
      <div className="notice warn ending" role="status">
        <strong>This deployment ended as {deployment.status}.</strong> {deployment.reason}
      </div>
    );
  }
  return null;
}
