import { useSession, useUser } from '../session';
import { useTitle } from '../router';
import logo from '../favicon.svg';
import { PasswordForm } from './PasswordForm';

/** The first admin must replace the default password before anything else (the server refuses all else). */
export function ForcedPasswordChange() {
  useTitle('Choose a new password');
  const user = useUser();
  const { signOut } = useSession();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="brand big"><img className="brand-mark" src={logo} alt="" />HomelabARR</div>
        <h1>Choose a new password</h1>
        <p>
          The account <strong>{user.username}</strong> still has its initial password. Choose your own before using
          HomelabARR; everything else is locked until then.
        </p>
        <PasswordForm forced />
        <button type="button" className="btn ghost block" onClick={() => void signOut()}>Sign out</button>
      </div>
    </main>
  );
}
