import type { ComponentChildren } from 'preact';
import type { Me } from '../api.js';
import { hrefOf, type Route } from '../router.js';

const ROLE_NAMES: Readonly<Record<Me['role'], string>> = {
  admin: 'administrator',
  security: 'security team',
  account_manager: 'account manager',
};

const NAV: readonly { route: Route; label: string }[] = [
  { route: { page: 'portfolio' }, label: 'Customers' },
  { route: { page: 'alerts' }, label: 'Alerts' },
  { route: { page: 'silences' }, label: 'Silences' },
];

/** The frame of every signed-in page: site name, navigation, who is signed in, sign out. */
export function Layout({
  me,
  current,
  onSignOut,
  children,
}: {
  readonly me: Me;
  readonly current: Route;
  readonly onSignOut: () => void;
  readonly children: ComponentChildren;
}) {
  return (
    <>
      <header class="top">
        <a class="brand" href="#/">
          Trustwatch
        </a>
        <nav aria-label="Main">
          <ul>
            {NAV.map(({ route, label }) => (
              <li key={label}>
                <a href={hrefOf(route)} aria-current={current.page === route.page ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <p class="who">
          Signed in as <strong>{me.subject}</strong> ({ROLE_NAMES[me.role]}){' '}
          <button type="button" class="link" onClick={onSignOut}>
            Sign out
          </button>
        </p>
      </header>
      <main id="main">{children}</main>
    </>
  );
}
