import { Link, useTitle } from '../router';

export function NotFound({ admin = false }: { admin?: boolean }) {
  useTitle('Not found');
  return (
    <section className="empty-page">
      <h1>{admin ? 'Administrators only' : 'Nothing here'}</h1>
      <p>{admin ? 'This page needs the admin role.' : 'This page does not exist.'} Go to the <Link href="/catalog">catalog</Link>.</p>
    </section>
  );
}
