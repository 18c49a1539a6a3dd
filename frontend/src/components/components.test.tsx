// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { ConfirmDialog } from './Dialog';
import { ErrorBoundary } from './ErrorBoundary';
import { RiskBadges } from './bits';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root;
let host: HTMLDivElement;
beforeEach(() => {
  host = document.createElement('div');
  document.body.appendChild(host);
  root = createRoot(host);
});
afterEach(() => {
  act(() => root.unmount());
  host.remove();
});

function Boom(): never {
  throw new Error('kaput');
}

describe('components', () => {
  it('an error boundary shows the message instead of a blank page', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    act(() => root.render(<ErrorBoundary><Boom /></ErrorBoundary>));
    expect(host.querySelector('[role=alert]')?.textContent).toContain('kaput');
    expect([...host.querySelectorAll('button')].map((b) => b.textContent)).toContain('Reload');
    spy.mockRestore();
  });

  it('a confirm dialog is a labelled dialog whose buttons say what they do; Escape closes it', () => {
    const onClose = vi.fn();
    const onConfirm = vi.fn();
    act(() => root.render(
      <ConfirmDialog title="Remove plex?" confirmLabel="Remove" onClose={onClose} onConfirm={onConfirm}>
        <p>Gone for good.</p>
      </ConfirmDialog>,
    ));
    const dialog = host.querySelector('[role=dialog]')!;
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.getElementById(dialog.getAttribute('aria-labelledby')!)?.textContent).toBe('Remove plex?');
    const buttons = [...dialog.querySelectorAll('button')];
    expect(buttons.map((b) => b.getAttribute('aria-label') ?? b.textContent)).toEqual(['Close', 'Cancel', 'Remove']);
    act(() => buttons[2].click());
    expect(onConfirm).toHaveBeenCalledOnce();
    act(() => dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('risk badges are a labelled list', () => {
    act(() => root.render(<RiskBadges risk={{ dockerSocket: true, privileged: false, hostNetwork: false, devices: false, gpu: false }} adminOnly />));
    const list = host.querySelector('ul[aria-label=Risks]')!;
    expect([...list.querySelectorAll('li')].map((l) => l.textContent)).toEqual(['Admin only', 'Mounts the Docker socket']);
  });
});
