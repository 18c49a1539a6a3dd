// The log viewer's buffer and search.
import type { LogLine } from '../api/types';

export const MAX_LINES = 2000;

export interface NumberedLine extends LogLine {
  n: number;
}

export function appendLines(buffer: NumberedLine[], lines: LogLine[], nextNumber: number): NumberedLine[] {
  const added = lines.map((l, i) => ({ ...l, n: nextNumber + i }));
  const all = buffer.concat(added);
  return all.length > MAX_LINES ? all.slice(all.length - MAX_LINES) : all;
}

export type StreamFilter = 'all' | 'stdout' | 'stderr';

export function filterLines(lines: NumberedLine[], search: string, stream: StreamFilter): NumberedLine[] {
  const q = search.trim().toLowerCase();
  return lines.filter((l) => (stream === 'all' || l.stream === stream) && (!q || l.line.toLowerCase().includes(q)));
}
