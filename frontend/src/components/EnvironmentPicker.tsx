import { useEffect, useState } from 'react';
import { api } from '../api/endpoints';
import type { Environment } from '../api/types';
import { ALL, setEnvironment, useEnvironment, validChoice } from '../logic/environments';

/**
 * The top bar's choice of Docker environment: every screen lists from it and deploys to it. Shown only when there
 * is more than the local one, so a single-host install looks as it always did.
 */
export function EnvironmentPicker() {
  const choice = useEnvironment();
  const [environments, setEnvironments] = useState<Environment[]>([]);
  useEffect(() => {
    const ctl = new AbortController();
    api.environments(ctl.signal).then((r) => {
      setEnvironments(r.data);
      const valid = validChoice(choice, r.data.map((e) => e.name));
      if (valid !== choice) setEnvironment(valid);
    }, () => setEnvironments([]));
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  if (environments.length < 2) return null;
  return (
    <label className="theme-pick">
      <select aria-label="Environment" value={choice} onChange={(e) => setEnvironment(e.target.value)}>
        <option value={ALL}>All environments</option>
        {environments.map((e) => (
          <option key={e.name} value={e.name}>{e.name}{e.reachable || !e.lastChecked ? '' : ' (unreachable)'}</option>
        ))}
      </select>
    </label>
  );
}

/** Where a container or deployment runs, as a small tag (local when the server did not say). */
export function EnvironmentBadge({ name }: { name?: string }) {
  return <span className="role-tag" title="Docker environment">{name ?? 'local'}</span>;
}
