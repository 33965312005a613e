import type { Child, FC } from 'hono/jsx';
import { Icon, type IconName } from './icons.tsx';

export type NavKey = 'dashboard' | 'movies' | 'series' | 'events' | 'logs' | 'settings';

/** What every signed-in page needs around its content. */
export type Chrome = {
  csrfToken: string;
  username: string;
  assets: { css: string; js: string; htmx: string; sse: string; icon: string };
};

// htmx 4 settings: our own indicator CSS (its injected stylesheet is not needed), and a request
// timeout; everything else stays at htmx 4 defaults (explicit inheritance, all statuses swap).
const HTMX_CONFIG = JSON.stringify({ includeIndicatorCSS: false, defaultTimeout: 30_000 });

const Head: FC<{ title: string; assets: Chrome['assets']; csrfToken?: string }> = ({ title, assets, csrfToken }) => (
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <meta name="htmx-config" content={HTMX_CONFIG} />
    {csrfToken ? <meta name="csrf-token" content={csrfToken} /> : null}
    <title>{`${title} · Previewarr`}</title>
    <link rel="icon" type="image/svg+xml" href={assets.icon} />
    <link rel="stylesheet" href={assets.css} />
    {/* Not deferred, on purpose: htmx starts itself on a timer once the document is parsed,
        and an extension still downloading by then would miss the elements already on the page
        (the dashboard's live stream would never open). Loaded in order while parsing, the SSE
        extension is registered before htmx starts. They are small and cached for good. */}
    <script src={assets.htmx} />
    <script src={assets.sse} />
    <script src={assets.js} />
  </head>
);

const NAV: Array<{ key: NavKey; href: string; label: string; icon: IconName }> = [
  { key: 'dashboard', href: '/', label: 'Dashboard', icon: 'dashboard' },
  { key: 'movies', href: '/library?kind=movie', label: 'Movies', icon: 'movie' },
  { key: 'series', href: '/library?kind=series', label: 'Series', icon: 'series' },
  { key: 'events', href: '/events', label: 'Events', icon: 'events' },
  { key: 'logs', href: '/system/logs', label: 'Logs', icon: 'events' },
  { key: 'settings', href: '/settings', label: 'Settings', icon: 'settings' },
];

const Logo: FC = () => (
  <a class="logo" href="/" aria-label="Previewarr dashboard">
    <span class="logo-mark">
      <Icon name="play" />
    </span>
    <span>Previewarr</span>
  </a>
);

export const Layout: FC<{ title: string; chrome: Chrome; active: NavKey; search?: string | undefined; children?: Child }> = ({
  title,
  chrome,
  active,
  search,
  children,
}) => (
  <html lang="en">
    <Head title={title} assets={chrome.assets} csrfToken={chrome.csrfToken} />
    <body>
      <header class="page-header">
        <Logo />
        <form class="header-search" action="/library" method="get" role="search">
          <Icon name="search" />
          <input type="search" name="q" value={search ?? ''} placeholder="Search the library" aria-label="Search the library" />
        </form>
        <form class="header-user" action="/logout" method="post">
          <input type="hidden" name="_csrf" value={chrome.csrfToken} />
          <span class="username">{chrome.username}</span>
          <button type="submit" class="icon-button" title="Log out" aria-label="Log out">
            <Icon name="logout" />
          </button>
        </form>
      </header>
      <div class="page">
        <nav class="sidebar" aria-label="Main">
          {NAV.map((item) => (
            <a href={item.href} class={item.key === active ? 'active' : undefined} aria-current={item.key === active ? 'page' : undefined}>
              <Icon name={item.icon} />
              <span>{item.label}</span>
            </a>
          ))}
        </nav>
        <main class="content" id="main">
          <div id="toast" class="toast-area" aria-live="polite" />
          {children}
        </main>
      </div>
    </body>
  </html>
);

/** The first-run and login pages: no navigation, one centred card. */
export const BareLayout: FC<{ title: string; assets: Chrome['assets']; children?: Child }> = ({ title, assets, children }) => (
  <html lang="en">
    <Head title={title} assets={assets} />
    <body class="bare">
      <main class="bare-main">
        <div class="bare-logo">
          <Logo />
        </div>
        {children}
      </main>
    </body>
  </html>
);
