import { useState } from 'preact/hooks';
import { call, type Me } from '../api.js';

/** Sign-in with an API key: checked against the API before it is kept for the session. */
export function SignIn({ onSignedIn }: { readonly onSignedIn: (key: string, me: Me) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(key.trim(), await call<Me>(key.trim(), '/v1/me'));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <main id="main" class="sign-in">
      <h1>Trustwatch</h1>
      <p>See how far you can trust the hardware your customers run, and why.</p>
      <form onSubmit={(e) => void submit(e)}>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api-key"
          type="password"
          autoComplete="off"
          required
          value={key}
          onInput={(e) => setKey(e.currentTarget.value)}
          aria-describedby="api-key-help"
        />
        <p id="api-key-help" class="muted">
          Starts with <code>twk_</code>. Your administrator gives you one. It is kept only until you close
          this tab.
        </p>
        {error === null ? null : (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
