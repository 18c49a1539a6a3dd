import { ago, bytes, duration, percent } from './format';
import { appendLines, filterLines, MAX_LINES } from './logs';
import { deployBlockers } from './roles';
import { listIsStale, nextStats } from './stats';
import { deployedWebUi } from './webui';
import type { Container, Stats } from '../api/types';

const risk = { dockerSocket: false, privileged: false, hostNetwork: false, devices: false, gpu: false };

describe('formats', () => {
  it('reads as people expect', () => {
    expect(bytes(512)).toBe('512 B');
    expect(bytes(1536)).toBe('1.5 KB');
    expect(bytes(300 * 1024 * 1024)).toBe('300 MB');
    expect(bytes(null)).toBe('–');
    expect(percent(3.14159)).toBe('3.1 %');
    expect(percent(null)).toBe('–');
    expect(duration(1500)).toBe('1.5 s');
    expect(ago(new Date(Date.now() - 120_000).toISOString())).toBe('2 min ago');
  });
});

describe('roles shape the page', () => {
  it('viewers deploy nothing, users not what needs an admin, admins everything', () => {
    expect(deployBlockers('viewer', { risk })).toHaveLength(1);
    expect(deployBlockers('user', { risk })).toEqual([]);
    expect(deployBlockers('user', { risk, adminOnly: true, adminReasons: ['Mounts the Docker socket'] }))
      .toEqual(['Mounts the Docker socket']);
    expect(deployBlockers('user', { risk: { ...risk, privileged: true } })).toEqual(['It runs privileged.']);
    expect(deployBlockers('user', { risk: { ...risk, privileged: true }, adminOnly: false })).toEqual([]);
    expect(deployBlockers('admin', { risk: { ...risk, dockerSocket: true }, adminOnly: true })).toEqual([]);
  });
});

const sample = (rx: number, at: string): Stats => ({
  cpuPercent: 1, memoryUsedBytes: 10, memoryLimitBytes: 100, memoryPercent: 10, networkRxBytes: rx,
  networkTxBytes: rx / 2, blockReadBytes: 0, blockWriteBytes: 0, pids: 1, sampledAt: at,
});

describe('live stats', () => {
  it('turns cumulative network counters into rates between two samples', () => {
    const first = nextStats(new Map(), { at: '', data: [{ id: 'a', name: 'a', app: null, stats: sample(1000, '2024-01-01T00:00:00Z') }] });
    expect(first.get('a')?.rxRate).toBeNull();
    const second = nextStats(first, { at: '', data: [{ id: 'a', name: 'a', app: null, stats: sample(4000, '2024-01-01T00:00:03Z') }] });
    expect(second.get('a')?.rxRate).toBe(1000);
    expect(second.get('a')?.txRate).toBe(500);
  });

  it('sees when the running set changed', () => {
    expect(listIsStale(new Set(['a']), { at: '', data: [{ id: 'a', name: 'a', app: null, stats: null }] })).toBe(false);
    expect(listIsStale(new Set(['a']), { at: '', data: [] })).toBe(true);
  });
});

describe('log viewer', () => {
  it('keeps the newest lines and filters by text and stream', () => {
    let buf = appendLines([], [{ stream: 'stdout', line: 'hello' }, { stream: 'stderr', line: 'oops' }], 1);
    expect(filterLines(buf, 'HELL', 'all').map((l) => l.line)).toEqual(['hello']);
    expect(filterLines(buf, '', 'stderr').map((l) => l.line)).toEqual(['oops']);
    buf = appendLines(buf, Array.from({ length: MAX_LINES }, (_, i) => ({ stream: 'stdout' as const, line: `l${i}` })), 3);
    expect(buf).toHaveLength(MAX_LINES);
    expect(buf[0].line).toBe('l0');
  });
});

describe('web UI of a deployed app', () => {
  it('is this host on the port published for the web service', () => {
    const c = {
      id: '1', name: 'plex', image: 'x', state: 'running', status: '', created: '', app: 'p',
      labels: { 'com.docker.compose.service': 'plex' },
      ports: [{ hostPort: 32401, containerPort: 32400, protocol: 'tcp' }],
    } as Container;
    expect(deployedWebUi({ webUi: { service: 'plex', port: 32400, path: '/web', scheme: 'http' } }, [c], 'nas'))
      .toBe('http://nas:32401/web');
    expect(deployedWebUi({ webUi: undefined }, [c], 'nas')).toBeUndefined();
  });
});
