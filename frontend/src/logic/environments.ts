// The Docker environment the dashboard shows and acts on: one choice for every screen, kept in the browser, so
// the picker in the top bar decides where lists come from and where a deploy goes.
import { useSyncExternalStore } from 'react';

export const LOCAL = 'local';
export const ALL = 'all';
const KEY = 'hlr-environment';
const listeners = new Set<() => void>();

function stored(): string {
  try {
    return localStorage.getItem(KEY) || LOCAL;
  } catch {
    return LOCAL;
  }
}

export function setEnvironment(name: string): void {
  try {
    localStorage.setItem(KEY, name);
  } catch {
    // private mode: the choice lasts until the page is left
  }
  listeners.forEach((l) => l());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The chosen environment: a name, or `all` (lists only). */
export function useEnvironment(): string {
  return useSyncExternalStore(subscribe, stored, () => LOCAL);
}

/** Where one thing happens (a deploy, a container action): `all` is a list's choice, not a place. */
export function targetOf(choice: string, fallback?: string | null): string {
  if (choice !== ALL) return choice;
  return fallback || LOCAL;
}

/** The `env` query value: left out for local, so requests look as they did before environments. */
export function envParam(name: string | undefined | null): string | undefined {
  return !name || name === LOCAL ? undefined : name;
}

/** Whether the chosen environment still exists (it may have been removed or renamed meanwhile). */
export function validChoice(choice: string, names: string[]): string {
  return choice === ALL || names.includes(choice) ? choice : LOCAL;
}

/** Whether the chosen environment's engine manages a swarm: only then has the Swarm screen anything to show. */
export function managesSwarm(choice: string, environments: { name: string; swarmRole: string | null }[]): boolean {
  return choice !== ALL && environments.some((e) => e.name === choice && e.swarmRole === 'manager');
}
