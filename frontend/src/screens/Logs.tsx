import { useEffect, useRef, useState } from 'react';
import { api } from '../api/endpoints';
import type { LogLine } from '../api/types';
import { PageHeader } from '../components/bits';
import { useDebounced, useEventStream } from '../hooks';
import { timeOfDay } from '../logic/format';
import { appendLines, filterLines, type NumberedLine, type StreamFilter } from '../logic/logs';
import { Link, useLocation, useTitle } from '../router';

/** A container's log, following new lines live (one SSE stream), with search and stdout / stderr apart. */
export function Logs({ id }: { id: string }) {
  // the container's environment comes with the link (the Containers screen adds ?env= for one not local)
  const env = useLocation().search.get('env') ?? undefined;
  useTitle(`Logs of ${id}`);
  const [lines, setLines] = useState<NumberedLine[]>([]);
  const [search, setSearch] = useState('');
  const [stream, setStream] = useState<StreamFilter>('all');
  const [follow, setFollow] = useState(true);
  const [ended, setEnded] = useState<string | null>(null);
  // reconnecting after a drop asks only for lines since the last one seen
  const [url, setUrl] = useState(() => api.logsFollowUrl(id, 200, undefined, env));
  const last = useRef<string | undefined>(undefined);
  const counter = useRef(1);
  const bottom = useRef<HTMLDivElement>(null);
  const q = useDebounced(search, 150);

  const state = useEventStream(ended ? null : url, {
    log: (data) => {
      const line = data as LogLine;
      if (line.timestamp) last.current = line.timestamp;
      setLines((b) => appendLines(b, [line], counter.current++));
    },
    end: () => {
      setEnded('The container stopped; its log ended.');
      return 'close';
    },
  }, () => setEnded('The log stream was interrupted.'));

  useEffect(() => {
    if (follow) bottom.current?.scrollIntoView?.({ block: 'nearest' });
  }, [lines, follow]);

  const shown = filterLines(lines, q, stream);
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb"><Link href="/host/containers">Containers</Link> / {id} / logs</nav>
      <PageHeader title={`Logs of ${id}`}>
        <span className="muted small" aria-live="polite">
          {ended ?? (state === 'open' ? 'Following new lines' : 'Connecting…')}
        </span>
        {ended && (
          <button type="button" className="btn" onClick={() => {
            setEnded(null);
            setUrl(api.logsFollowUrl(id, last.current ? 0 : 200, last.current, env));
          }}>Resume</button>
        )}
      </PageHeader>
      <div className="log-tools">
        <label className="search narrow">
          <span className="sr-only">Search the log</span>
          <input type="search" aria-label="Search the log" placeholder="Search the log" value={search}
            onChange={(e) => setSearch(e.target.value)} />
        </label>
        <label>
          Stream{' '}
          <select value={stream} onChange={(e) => setStream(e.target.value as StreamFilter)}>
            <option value="all">stdout and stderr</option>
            <option value="stdout">stdout only</option>
            <option value="stderr">stderr only</option>
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={follow} onChange={(e) => setFollow(e.target.checked)} /> Scroll to new lines
        </label>
        <button type="button" className="btn" onClick={() => setLines([])}>Clear</button>
      </div>
      <p className="muted small">{shown.length} of {lines.length} lines{q ? ` match “${q}”` : ''}</p>
      <div className="log-box tall" role="log" aria-label="Log lines" aria-live="off">
        {shown.map((l) => (
          <div key={l.n} className={`log-line ${l.stream}`}>
            <span className="log-time">{timeOfDay(l.timestamp)}</span>
            <span className="log-stream">{l.stream === 'stderr' ? 'ERR' : 'OUT'}</span>
            <span className="log-text">{l.line}</span>
          </div>
        ))}
        <div ref={bottom} />
      </div>
    </>
  );
}
