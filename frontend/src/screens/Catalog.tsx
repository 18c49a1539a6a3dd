import { useDeferredValue, useMemo, useState } from 'react';
import { loadCatalog } from '../api/catalogCache';
import { AppIcon, ErrorNotice, Loading, PageHeader, RiskBadges } from '../components/bits';
import { useLoad } from '../hooks';
import { categoryNames, countByCategory, filterApps } from '../logic/catalog';
import { Link, navigate, useLocation, useTitle } from '../router';

/** The app catalog: search, category chips with counts, and a grid of cards. Filtering happens in the page. */
export function Catalog() {
  useTitle('Catalog');
  const { search } = useLocation();
  const { data, error, loading } = useLoad(() => loadCatalog(), []);
  const [q, setQ] = useState(search.get('q') ?? '');
  const category = search.get('category');
  const deferredQ = useDeferredValue(q);
  const names = useMemo(() => categoryNames(data?.categories ?? []), [data]);
  const shown = useMemo(() => filterApps(data?.apps ?? [], deferredQ, category, names), [data, deferredQ, category, names]);
  const counts = useMemo(() => countByCategory(data?.apps ?? [], deferredQ, names), [data, deferredQ, names]);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);

  // the query lives in the URL too, so Back returns to the same filtered list
  function setUrl(nextQ: string, nextCategory: string | null) {
    const p = new URLSearchParams();
    if (nextQ) p.set('q', nextQ);
    if (nextCategory) p.set('category', nextCategory);
    const s = p.toString();
    navigate(`/catalog${s ? `?${s}` : ''}`, true);
  }

  return (
    <>
      <PageHeader title="Catalog" />
      <div className="catalog-tools">
        <label className="search">
          <span className="sr-only">Search apps</span>
          <input type="search" placeholder="Search apps by name, description or category" aria-label="Search apps"
            value={q} onChange={(e) => {
              setQ(e.target.value);
              setUrl(e.target.value, category);
            }} />
        </label>
        <div className="chips" role="group" aria-label="Categories">
          <button type="button" className="chip" aria-pressed={!category} onClick={() => setUrl(q, null)}>
            All <span className="count">{total}</span>
          </button>
          {(data?.categories ?? []).map((c) => (
            <button key={c.id} type="button" className="chip" aria-pressed={category === c.id}
              onClick={() => setUrl(q, category === c.id ? null : c.id)}>
              {c.name} <span className="count">{counts.get(c.id) ?? 0}</span>
            </button>
          ))}
        </div>
      </div>
      <ErrorNotice error={error} title="The catalog could not be loaded" />
      {loading && !data && <Loading what="the catalog" />}
      {data && (
        <p className="result-count" role="status" aria-live="polite">
          {shown.length === 1 ? '1 app' : `${shown.length} apps`}
          {deferredQ && <> matching “{deferredQ}”</>}
          {category && <> in {names.get(category) ?? category}</>}
        </p>
      )}
      <ul className="card-grid" aria-label="Apps">
        {shown.map((a) => (
          <li key={a.id} className="app-card">
            <Link href={`/apps/${encodeURIComponent(a.id)}`} className="card-link"
              aria-labelledby={`app-${a.id}-name`} aria-describedby={`app-${a.id}-desc`}>
              <div className="card-top">
                <AppIcon name={a.name} id={a.id} />
                <div>
                  <h2 className="card-title" id={`app-${a.id}-name`}>{a.name}</h2>
                  <span className="card-cat">{names.get(a.category) ?? a.category}</span>
                </div>
              </div>
              <p className="card-desc" id={`app-${a.id}-desc`}>{a.description}</p>
              <RiskBadges risk={a.risk} adminOnly={a.adminOnly} />
            </Link>
          </li>
        ))}
      </ul>
      {data && shown.length === 0 && <p className="empty">No app matches. Try fewer words or another category.</p>}
    </>
  );
}
