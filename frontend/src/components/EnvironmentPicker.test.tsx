// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { EnvironmentBadge, EnvironmentPicker } from './EnvironmentPicker';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const env = (name: string, reachable = true) => ({
  name, kind: name === 'local' ? 'local' : 'tcp+tls', address: 'x', builtin: name === 'local', tls: name !== 'local',
  reachable, engineVersion: '20.10', apiVersion: '1.41', swarmRole: 'inactive', lastError: null,
  lastChecked: '2026-01-01T00:00:00Z',
});

function answer(data: unknown[]) {
  return Promise.resolve(new Response(JSON.stringify({ success: true, data, total: data.length }),
    { status: 200, headers: { 'Content-Type': 'application/json' } }));
}

let root: Root;
let host: HTMLDivElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
  localStorage.clear();
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
});

describe('environment picker', () => {
  it('is not shown while there is only the local environment', async () => {
    vi.stubGlobal('fetch', vi.fn(() => answer([env('local')])));
    await act(async () => root.render(<EnvironmentPicker />));
    expect(host.querySelector('select')).toBeNull();
  });

  it('lists every environment and all, marks an unreachable one, and keeps the choice', async () => {
    vi.stubGlobal('fetch', vi.fn(() => answer([env('local'), env('nas', false)])));
    await act(async () => root.render(<EnvironmentPicker />));
    const select = host.querySelector('select[aria-label="Environment"]') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual(['All environments', 'local', 'nas (unreachable)']);
    expect(select.value).toBe('local');
    act(() => {
      select.value = 'nas';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(localStorage.getItem('hlr-environment')).toBe('nas');
    expect(select.value).toBe('nas');
  });

  it('forgets a choice that was removed meanwhile', async () => {
    localStorage.setItem('hlr-environment', 'gone');
    vi.stubGlobal('fetch', vi.fn(() => answer([env('local'), env('nas')])));
    await act(async () => root.render(<EnvironmentPicker />));
    expect(localStorage.getItem('hlr-environment')).toBe('local');
  });

  it('a badge says where something runs, local when the server did not say', () => {
    act(() => root.render(<><EnvironmentBadge name="nas" /><EnvironmentBadge /></>));
    expect([...host.querySelectorAll('.role-tag')].map((b) => b.textContent)).toEqual(['nas', 'local']);
  });
});
