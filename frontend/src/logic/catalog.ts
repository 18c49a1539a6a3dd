// Catalog search and category counts, done in the page: the whole catalog is one small answer (175 apps).
import type { AppSummary, Category, Risk } from '../api/types';

/** Lower-case words of the query; an app matches when every word is in its name, description or category. */
export function searchWords(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matches(app: AppSummary, words: string[], categoryName = ''): boolean {
  if (words.length === 0) return true;
  const text = `${app.name} ${app.description} ${app.category} ${categoryName} ${app.id}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

export function filterApps(apps: AppSummary[], q: string, category: string | null, names: Map<string, string>) {
  const words = searchWords(q);
  return apps.filter((a) => (!category || a.category === category) && matches(a, words, names.get(a.category)));
}

/** Counts per category of the apps that match the search, so each chip says what clicking it would show. */
export function countByCategory(apps: AppSummary[], q: string, names: Map<string, string>): Map<string, number> {
  const words = searchWords(q);
  const counts = new Map<string, number>();
  for (const a of apps) {
    if (matches(a, words, names.get(a.category))) counts.set(a.category, (counts.get(a.category) ?? 0) + 1);
  }
  return counts;
}

export function categoryNames(categories: Category[]): Map<string, string> {
  return new Map(categories.map((c) => [c.id, c.name]));
}

export interface RiskBadge {
  key: keyof Risk;
  label: string;
  severe: boolean;
}

const RISK_LABELS: RiskBadge[] = [
  { key: 'dockerSocket', label: 'Mounts the Docker socket', severe: true },
  { key: 'privileged', label: 'Runs privileged', severe: true },
  { key: 'hostNetwork', label: 'Uses the host network', severe: true },
  { key: 'devices', label: 'Uses host devices', severe: false },
  { key: 'gpu', label: 'Uses a GPU', severe: false },
];

export function riskBadges(risk: Risk | undefined): RiskBadge[] {
  return risk ? RISK_LABELS.filter((b) => risk[b.key]) : [];
}

/** Up to two initials for the fallback icon: "Home Assistant" → "HA", "qBittorrent" → "QB". */
export function initials(name: string): string {
  const words = name.replace(/[^\p{L}\p{N} ]+/gu, ' ').split(/\s+/).filter(Boolean);
  if (words.length >= 2) return (words[0][0] + words[1][0]).toUpperCase();
  const w = words[0] ?? '?';
  const caps = w.slice(1).match(/\p{Lu}/u);
  return (w[0] + (caps ? caps[0] : w[1] ?? '')).toUpperCase();
}

/** A stable hue per app, so an app's initials tile keeps its colour. */
export function hue(seed: string): number {
  let h = 0;
  for (let i = 0; i < seed.length; i++) h = (h * 31 + seed.charCodeAt(i)) >>> 0;
  return h % 360;
}
