// Turns a deployment's events (stored history, then live) into what the progress view shows.
import type { DeployEvent, DeploymentStatus } from '../api/types';

export const PHASES: { status: DeploymentStatus; label: string }[] = [
  { status: 'queued', label: 'Queued' },
  { status: 'pulling', label: 'Pull images' },
  { status: 'creating', label: 'Create containers' },
  { status: 'starting', label: 'Start' },
  { status: 'verifying', label: 'Verify it runs' },
];

const FINAL = new Set<DeploymentStatus>(['succeeded', 'failed', 'rolled-back', 'cancelled', 'interrupted']);

export const isFinal = (status: string): boolean => FINAL.has(status as DeploymentStatus);

export interface PullBar {
  image: string;
  percent: number;
}

export type Ending =
  | { kind: 'success'; url?: string; webPort?: number; containers: string[] }
  | { kind: 'failure'; status: DeploymentStatus; reason: string; rolledBack: string[] };

export interface ProgressView {
  lastSeq: number;
  status: DeploymentStatus;
  reachedPhases: DeploymentStatus[];
  steps: { seq: number; step: string; service?: string; message: string; at?: string }[];
  pulls: PullBar[];
  logs: { seq: number; service: string; stream: string; line: string }[];
  ending?: Ending;
}

export const EMPTY_PROGRESS: ProgressView = {
  lastSeq: 0, status: 'queued', reachedPhases: [], steps: [], pulls: [], logs: [],
};

const MAX_LOG_LINES = 500;

/** Adds one event; events already seen (a replay after resuming) change nothing. */
export function apply(view: ProgressView, e: DeployEvent): ProgressView {
  if (e.seq <= view.lastSeq) return view;
  const next: ProgressView = { ...view, lastSeq: e.seq };
  switch (e.type) {
    case 'status':
      next.status = e.status;
      if (!view.reachedPhases.includes(e.status)) next.reachedPhases = [...view.reachedPhases, e.status];
      break;
    case 'step':
      next.steps = [...view.steps, { seq: e.seq, step: e.step, service: e.service, message: e.message, at: e.at }];
      if (e.step === 'pull' && /is already present$/.test(e.message)) {
        next.pulls = upsertPull(view.pulls, e.message.replace(/ is already present$/, ''), 100);
      } else if (e.step === 'pull' && e.message.startsWith('Pulled ')) {
        next.pulls = upsertPull(view.pulls, e.message.slice(7).replace(/ \(.*\)$/, ''), 100);
      }
      break;
    case 'pull':
      next.pulls = upsertPull(view.pulls, e.image, e.imagePercent);
      break;
    case 'log':
      next.logs = [...view.logs, { seq: e.seq, service: e.service, stream: e.stream, line: e.line }].slice(-MAX_LOG_LINES);
      break;
    case 'complete':
      next.status = 'succeeded';
      next.ending = { kind: 'success', url: e.url, webPort: e.webPort, containers: e.containers ?? [] };
      break;
    case 'error':
      next.status = e.status;
      next.ending = {
        kind: 'failure', status: e.status, reason: e.reason,
        rolledBack: view.steps.filter((s) => s.step === 'rollback').map((s) => s.message),
      };
      break;
  }
  return next;
}

export function applyAll(view: ProgressView, events: DeployEvent[]): ProgressView {
  return events.reduce(apply, view);
}

function upsertPull(pulls: PullBar[], image: string, percent: number): PullBar[] {
  const i = pulls.findIndex((p) => p.image === image);
  const bounded = Math.max(0, Math.min(100, Math.round(percent)));
  if (i < 0) return [...pulls, { image, percent: bounded }];
  if (pulls[i].percent === bounded) return pulls;
  const copy = pulls.slice();
  copy[i] = { image, percent: Math.max(pulls[i].percent, bounded) };
  return copy;
}

/** Where each phase stands, for the step list on the left. */
export function phaseState(view: ProgressView, phase: DeploymentStatus): 'done' | 'current' | 'failed' | 'pending' {
  const reached = view.reachedPhases.includes(phase);
  if (!reached) return 'pending';
  const order = PHASES.map((p) => p.status);
  const latest = [...view.reachedPhases].reverse().find((s) => order.includes(s));
  if (phase !== latest) return 'done';
  if (view.ending?.kind === 'success') return 'done';
  if (view.ending?.kind === 'failure') return 'failed';
  return 'current';
}

/** The address of the app's web UI: the proxy URL when routed, else this host on the published port. */
export function webUiUrl(ending: Ending | undefined, hostname: string, path = '/', scheme = 'http'): string | undefined {
  if (!ending || ending.kind !== 'success') return undefined;
  if (ending.url) return ending.url;
  if (!ending.webPort) return undefined;
  return `${scheme}://${hostname}:${ending.webPort}${path.startsWith('/') ? path : `/${path}`}`;
}
