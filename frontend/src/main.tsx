import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadCatalog } from './api/catalogCache';
import { ErrorBoundary } from './components/ErrorBoundary';
import { SessionProvider } from './session';
import { applyTheme, storedTheme } from './theme';
import './styles.css';

applyTheme(storedTheme());

// the catalog is public: on its page, ask for it while the session is being checked, not after
if (location.pathname === '/' || location.pathname === '/catalog') void loadCatalog().catch(() => undefined);

// An error outside React (a failed chunk, a bug in a callback) must not leave a blank page either
window.addEventListener('error', (e) => showFatal(e.message));
window.addEventListener('unhandledrejection', (e) => {
  const reason = e.reason as { name?: string } | undefined;
  if (reason?.name !== 'AbortError') console.error('Unhandled', e.reason);
});

function showFatal(message: string) {
  const root = document.getElementById('root');
  if (root && root.childElementCount === 0) {
    root.textContent = `The dashboard could not start: ${message}. Reload the page.`;
  }
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ErrorBoundary>
      <SessionProvider>
        <App />
      </SessionProvider>
    </ErrorBoundary>
  </StrictMode>,
);
