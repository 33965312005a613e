import type { Child, FC } from 'hono/jsx';
import { Layout, type Chrome } from './layout.tsx';

export type SettingsTab = 'connections' | 'media-servers' | 'notifications' | 'profiles' | 'media' | 'downloads' | 'general';

const TABS: Array<{ key: SettingsTab; label: string }> = [
  { key: 'connections', label: 'Connections' },
  { key: 'media-servers', label: 'Media servers' },
  { key: 'notifications', label: 'Notifications' },
  { key: 'profiles', label: 'Profiles' },
  { key: 'media', label: 'Media & sources' },
  { key: 'downloads', label: 'Downloads' },
  { key: 'general', label: 'General' },
];

export const SettingsLayout: FC<{ chrome: Chrome; tab: SettingsTab; children?: Child }> = ({ chrome, tab, children }) => (
  <Layout title={`Settings · ${TABS.find((t) => t.key === tab)?.label ?? ''}`} chrome={chrome} active="settings">
    <h1 class="page-title">Settings</h1>
    <nav class="subnav" aria-label="Settings">
      {TABS.map((t) => (
        <a href={`/settings/${t.key}`} class={t.key === tab ? 'active' : undefined} aria-current={t.key === tab ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
    {children}
  </Layout>
);
