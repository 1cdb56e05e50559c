import { useState } from 'preact/hooks';
import { call, type Me } from './api.js';
import { Layout } from './components/layout.js';
import { Show } from './components/notice.js';
import { Alerts } from './pages/alerts.js';
import { Customer } from './pages/customer.js';
import { Portfolio } from './pages/portfolio.js';
import { SignIn } from './pages/sign-in.js';
import { Silences } from './pages/silences.js';
import { useRoute, type Route } from './router.js';
import { forgetKey, storedKey, storeKey } from './session.js';
import { useLoad } from './use-load.js';

/** The dashboard: sign-in until a key is accepted, then the page the URL fragment names. */
export function App() {
  const [key, setKey] = useState(storedKey);
  const [me, setMe] = useState<Me | null>(null);
  const route = useRoute();
  const signOut = () => {
    forgetKey();
    setKey(null);
    setMe(null);
  };
  if (key === null)
    return (
      <SignIn
        onSignedIn={(accepted, who) => {
          storeKey(accepted);
          setMe(who);
          setKey(accepted);
        }}
      />
    );
  if (me === null) return <Resume apiKey={key} onMe={setMe} onRefused={signOut} />;
  return (
    <Layout me={me} current={route} onSignOut={signOut}>
      <PageFor route={route} apiKey={key} me={me} />
    </Layout>
  );
}

/** After a reload the key is still in the session; ask the API who it belongs to (or sign out). */
function Resume({
  apiKey,
  onMe,
  onRefused,
}: {
  readonly apiKey: string;
  readonly onMe: (me: Me) => void;
  readonly onRefused: () => void;
}) {
  const [loaded] = useLoad(
    () =>
      call<Me>(apiKey, '/v1/me').then(
        (me) => {
          onMe(me);
          return me;
        },
        (err: unknown) => {
          onRefused();
          throw err;
        },
      ),
    [apiKey],
  );
  return <Show loaded={loaded}>{() => null}</Show>;
}

function PageFor({ route, apiKey, me }: { readonly route: Route; readonly apiKey: string; readonly me: Me }) {
  switch (route.page) {
    case 'portfolio':
      return <Portfolio apiKey={apiKey} />;
    case 'customer':
      return <Customer key={route.customerId} apiKey={apiKey} customerId={route.customerId} />;
    case 'alerts':
      return <Alerts apiKey={apiKey} me={me} />;
    case 'silences':
      return <Silences apiKey={apiKey} me={me} />;
  }
}
