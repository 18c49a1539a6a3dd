// Live figures per container from the one stats stream: network counters are cumulative, so rates come from the
// difference between two samples.
import type { Stats, StatsEvent } from '../api/types';

export interface LiveStats {
  cpuPercent: number | null;
  memoryUsedBytes: number;
  memoryLimitBytes: number;
  memoryPercent: number | null;
  rxRate: number | null;
  txRate: number | null;
  sample: Stats;
}

export function nextStats(previous: Map<string, LiveStats>, event: StatsEvent): Map<string, LiveStats> {
  const next = new Map<string, LiveStats>();
  for (const c of event.data ?? []) {
    if (!c.stats) continue;
    const before = previous.get(c.id)?.sample;
    const seconds = before ? (Date.parse(c.stats.sampledAt) - Date.parse(before.sampledAt)) / 1000 : 0;
    const perSecond = (now: number, then: number | undefined) =>
      before && seconds > 0 && then !== undefined && now >= then ? (now - then) / seconds : null;
    next.set(c.id, {
      cpuPercent: c.stats.cpuPercent,
      memoryUsedBytes: c.stats.memoryUsedBytes,
      memoryLimitBytes: c.stats.memoryLimitBytes,
      memoryPercent: c.stats.memoryPercent,
      rxRate: perSecond(c.stats.networkRxBytes, before?.networkRxBytes),
      txRate: perSecond(c.stats.networkTxBytes, before?.networkTxBytes),
      sample: c.stats,
    });
  }
  return next;
}

/** True when the stream shows running containers the table does not list as running: time to reload the list. */
export function listIsStale(running: Set<string>, event: StatsEvent): boolean {
  const streamed = new Set((event.data ?? []).map((c) => c.id));
  if (streamed.size !== running.size) return true;
  for (const id of streamed) if (!running.has(id)) return true;
  return false;
}
