import { apply, applyAll, EMPTY_PROGRESS, phaseState, webUiUrl } from './progress';
import type { DeployEvent } from '../api/types';

const history: DeployEvent[] = [
  { seq: 1, type: 'status', status: 'queued' },
  { seq: 2, type: 'status', status: 'pulling' },
  { seq: 3, type: 'step', step: 'pull', message: 'Pulling 127.0.0.1:5000/test/busybox:1' },
  { seq: 4, type: 'pull', image: '127.0.0.1:5000/test/busybox:1', imagePercent: 40, percent: 40 },
  { seq: 5, type: 'pull', image: '127.0.0.1:5000/test/busybox:1', imagePercent: 100, percent: 100 },
  { seq: 6, type: 'step', step: 'pull', message: 'homelabarr-test/busybox:1 is already present' },
  { seq: 7, type: 'status', status: 'creating' },
  { seq: 8, type: 'log', service: 'web', stream: 'stdout', line: 'tick 1' },
];

describe('deploy progress', () => {
  it('keeps one bar per image, steps, log lines and the current phase', () => {
    const v = applyAll(EMPTY_PROGRESS, history);
    expect(v.pulls).toEqual([
      { image: '127.0.0.1:5000/test/busybox:1', percent: 100 },
      { image: 'homelabarr-test/busybox:1', percent: 100 },
    ]);
    expect(v.steps).toHaveLength(2);
    expect(v.logs.map((l) => l.line)).toEqual(['tick 1']);
    expect(phaseState(v, 'pulling')).toBe('done');
    expect(phaseState(v, 'creating')).toBe('current');
    expect(phaseState(v, 'verifying')).toBe('pending');
  });

  it('ignores events it already has (a resumed stream replays nothing twice)', () => {
    const v = applyAll(EMPTY_PROGRESS, history);
    expect(applyAll(v, history)).toBe(v);
    expect(apply(v, { seq: 9, type: 'status', status: 'starting' }).lastSeq).toBe(9);
  });

  it('ends in success with the web UI address', () => {
    const v = apply(applyAll(EMPTY_PROGRESS, history),
      { seq: 9, type: 'complete', status: 'succeeded', webPort: 8080, containers: ['web'] });
    expect(v.ending).toEqual({ kind: 'success', url: undefined, webPort: 8080, containers: ['web'] });
    expect(webUiUrl(v.ending, 'nas.local', '/web')).toBe('http://nas.local:8080/web');
    expect(phaseState(v, 'creating')).toBe('done');
    const proxied = apply(v, { seq: 10, type: 'complete', status: 'succeeded', url: 'https://app.example.com/', containers: [] });
    expect(webUiUrl(proxied.ending, 'nas.local')).toBe('https://app.example.com/');
  });

  it('ends in failure with the reason and what was rolled back', () => {
    const v = applyAll(EMPTY_PROGRESS, [
      ...history,
      { seq: 9, type: 'step', step: 'rollback', message: 'Rolling back: port taken' },
      { seq: 10, type: 'step', step: 'rollback', message: 'Removed 1 container(s) and 1 network(s)' },
      { seq: 11, type: 'status', status: 'rolled-back', reason: 'port taken' },
      { seq: 12, type: 'error', status: 'rolled-back', reason: 'Port 8080 is already in use' },
    ]);
    expect(v.ending).toEqual({
      kind: 'failure', status: 'rolled-back', reason: 'Port 8080 is already in use',
      rolledBack: ['Rolling back: port taken', 'Removed 1 container(s) and 1 network(s)'],
    });
    expect(phaseState(v, 'creating')).toBe('failed');
  });
});
