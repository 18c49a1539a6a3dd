// Where a deployed app's web UI answers, from its containers' published ports.
import type { AppDetail, Container } from '../api/types';

export function deployedWebUi(app: Pick<AppDetail, 'webUi'>, containers: Container[], hostname: string): string | undefined {
  const web = app.webUi;
  if (!web) return undefined;
  const running = containers.filter((c) => c.state === 'running');
  const candidates = running.filter((c) => c.labels?.['com.docker.compose.service'] === web.service);
  for (const c of candidates.length ? candidates : running) {
    const p = c.ports.find((x) => x.containerPort === web.port && x.hostPort);
    if (p) {
      const path = web.path.startsWith('/') ? web.path : `/${web.path}`;
      return `${web.scheme || 'http'}://${hostname}:${p.hostPort}${path}`;
    }
  }
  return undefined;
}
