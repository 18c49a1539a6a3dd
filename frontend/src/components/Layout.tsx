import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from '../router';
import { useSession, useUser } from '../session';
import { applyTheme, storedTheme, type ThemeChoice } from '../theme';
import { ApiError } from '../api/client';
import { api } from '../api/endpoints';
import { isAdmin } from '../logic/roles';
import { managesSwarm, useEnvironment } from '../logic/environments';
import { useLoad } from '../hooks';
import logo from '../favicon.svg';
import { EnvironmentPicker } from './EnvironmentPicker';

interface NavItem {
  href: string;
  label: string;
  admin?: boolean;
  swarm?: boolean;
}

const NAV: NavItem[] = [
  { href: '/catalog', label: 'Catalog' },
  { href: '/deploys', label: 'Deployments' },
  { href: '/host/containers', label: 'Containers' },
  { href: '/host/ports', label: 'Ports' },
  { href: '/host/swarm', label: 'Swarm', swarm: true },
  { href: '/admin', label: 'Admin', admin: true },
];

/** Says so once when the Docker Engine does not answer (GET /health is 503): the catalog works, the rest cannot. */
function EngineBanner() {
  const [down, setDown] = useState<string | null>(null);
  useEffect(() => {
    api.health().then(
      (h) => setDown(h.status === 'healthy' ? null : h.reason ?? 'The Docker Engine does not answer.'),
      (e: unknown) => setDown(e instanceof ApiError && e.status === 503 ? 'The Docker Engine does not answer.' : null),
    );
  }, []);
  if (!down) return null;
  return (
    <div className="notice warn" role="status">
      <strong>Docker Engine unavailable.</strong> {down} The catalog still works; deployments and containers do not.
    </div>
  );
}

/** Left navigation and top bar, as in Portainer or Runtipi; on a phone the navigation folds behind a Menu button. */
export function Layout({ children }: { children: ReactNode }) {
  const { path } = useLocation();
  const user = useUser();
  const { signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const [theme, setTheme] = useState<ThemeChoice>(storedTheme);
  const choice = useEnvironment();
  const environments = useLoad((s) => api.environments(s), []);
  // the Swarm screen only where it can answer: the chosen environment's engine manages a swarm
  const swarm = managesSwarm(choice, environments.data?.data ?? []);
  useEffect(() => setMenuOpen(false), [path]);
  const current = (href: string) => path === href || path.startsWith(`${href}/`)
    || (href === '/catalog' && path.startsWith('/apps/'))
    || (href === '/admin' && path.startsWith('/admin'));
  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <header className="topbar">
        <button type="button" className="btn menu-btn" aria-expanded={menuOpen} aria-controls="nav"
          onClick={() => setMenuOpen((o) => !o)}>Menu</button>
        <Link href="/catalog" className="brand" aria-label="HomelabARR catalog">
          <img className="brand-mark" src={logo} alt="" /><span className="brand-text">HomelabARR</span>
        </Link>
        <div className="topbar-right">
          <EnvironmentPicker />
          <label className="theme-pick">
            <select aria-label="Theme" value={theme} onChange={(e) => {
              const t = e.target.value as ThemeChoice;
              setTheme(t);
              applyTheme(t);
            }}>
              <option value="system">Auto</option>
              <option value="light">Light</option>
              <option value="dark">Dark</option>
            </select>
          </label>
          <Link href="/account" className="user-chip" aria-label={`Account: ${user.username} (${user.role})`}>
            <span className="avatar" aria-hidden="true">{user.username.slice(0, 1).toUpperCase()}</span>
            <span className="user-name">{user.username}</span>
            <span className="role-tag">{user.role}</span>
          </Link>
          {user.authMethod !== 'auth-disabled' && (
            <button type="button" className="btn ghost" onClick={() => void signOut()}>Sign out</button>
          )}
        </div>
      </header>
      <nav id="nav" className={`sidenav${menuOpen ? ' open' : ''}`} aria-label="Main">
        <ul>
          {NAV.filter((n) => (!n.admin || isAdmin(user.role)) && (!n.swarm || swarm)).map((n) => (
            <li key={n.href}>
              <Link href={n.href} aria-current={current(n.href) ? 'page' : undefined}>{n.label}</Link>
            </li>
          ))}
          <li><Link href="/account" aria-current={current('/account') ? 'page' : undefined}>Account</Link></li>
        </ul>
      </nav>
      <main id="main" className="content" tabIndex={-1}>
        <EngineBanner />
        {children}
      </main>
    </div>
  );
}
