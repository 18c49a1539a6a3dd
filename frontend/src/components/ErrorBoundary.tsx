import { Component, type ErrorInfo, type ReactNode } from 'react';

/** A script error shows its message and a way out instead of a blank page. */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Dashboard error', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <main className="fatal" role="alert">
        <h1>Something went wrong on this page</h1>
        <p className="mono">{this.state.error.message || String(this.state.error)}</p>
        <p>The server is not affected. Reload the page, or go back to the catalog.</p>
        <div className="row">
          <button type="button" className="btn primary" onClick={() => location.reload()}>Reload</button>
          <a className="btn" href="/catalog">Go to the catalog</a>
        </div>
      </main>
    );
  }
}
