import { useEffect } from 'react';
import { Layout } from './components/Layout';
import { Loading } from './components/bits';
import { isAdmin } from './logic/roles';
import { match, navigate, useLocation } from './router';
import { Account } from './screens/Account';
import { Admin } from './screens/Admin';
import { AppPage } from './screens/AppPage';
import { Catalog } from './screens/Catalog';
import { Containers } from './screens/Containers';
import { DeployForm } from './screens/DeployForm';
import { DeployProgress } from './screens/DeployProgress';
import { Deployments } from './screens/Deployments';
import { ForcedPasswordChange } from './screens/ForcedPasswordChange';
import { Logs } from './screens/Logs';
import { NotFound } from './screens/NotFound';
import { Ports } from './screens/Ports';
import { SignIn } from './screens/SignIn';
import { Swarm } from './screens/Swarm';
import { useSession, useUser } from './session';

/** Sign-in first; then the forced password change when due; then the screens. */
export function App() {
  const { state } = useSession();
  if (state.kind === 'loading') return <Loading what="HomelabARR" />;
  if (state.kind === 'signed-out') return <SignIn message={state.message} />;
  if (state.user.mustChangePassword) return <ForcedPasswordChange />;
  return <Layout><Screen /></Layout>;
}

// Client routes never start with an API path (/auth, /applications, /containers, /ports, …): the server answers
// those with JSON even to a browser.
function Screen() {
  const { path } = useLocation();
  const user = useUser();
  useEffect(() => {
    if (path === '/' || path === '/index.html') navigate('/catalog', true);
    if (path === '/admin') navigate('/admin/users', true);
  }, [path]);
  let p: Record<string, string> | null;
  if (path === '/' || path === '/catalog') return <Catalog />;
  if ((p = match('/apps/:id', path))) return <AppPage key={p.id} id={p.id} />;
  if ((p = match('/apps/:id/deploy', path))) return <DeployForm key={p.id} id={p.id} />;
  if (path === '/deploys') return <Deployments />;
  if ((p = match('/deploys/:id', path))) return <DeployProgress key={p.id} id={p.id} />;
  if (path === '/host/containers') return <Containers />;
  if ((p = match('/host/containers/:id/logs', path))) return <Logs key={p.id} id={p.id} />;
  if (path === '/host/ports') return <Ports />;
  if (path === '/host/swarm') return <Swarm />;
  if (path === '/account') return <Account />;
  if (path.startsWith('/admin')) {
    if (!isAdmin(user.role)) return <NotFound admin />;
    if (path === '/admin' || path === '/admin/users') return <Admin tab="users" />;
    if (path === '/admin/audit') return <Admin tab="audit" />;
    if (path === '/admin/notifications') return <Admin tab="notifications" />;
  }
  return <NotFound />;
}
