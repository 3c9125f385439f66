import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { ConfigProvider, theme, type ThemeConfig } from 'antd';
import {
  Fragment,
  lazy,
  Suspense,
  useLayoutEffect,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { useFirstScreenShown } from '../lib/first-screen';
import { getLocale, subscribeLocale } from '../lib/i18n';
import { createQueryClient } from '../lib/query-client';
import { antdLocaleFor } from './locale-setting';
import { getResolvedTheme, subscribeTheme, type ResolvedTheme } from './theme-setting';

/**
 * Seed colours one step darker than antd's defaults, and secondary text less faint, so
 * links, error text, placeholders and muted text meet WCAG AA contrast (axe checks it in
 * both themes: e2e/locale-theme-zone.spec.ts). Dark: antd's dark algorithm with its own
 * seeds (a lighter blue and red read on dark surfaces), links from the light end of
 * antd's blue palette and muted text one step brighter.
 */
const APP_THEMES: Record<ResolvedTheme, ThemeConfig> = {
  light: {
    algorithm: theme.defaultAlgorithm,
    token: {
      borderRadius: 6,
      colorPrimary: '#0958d9',
      colorInfo: '#0958d9',
      colorError: '#cf1322',
      colorTextTertiary: 'rgba(0, 0, 0, 0.58)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
      colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    },
  },
  dark: {
    algorithm: theme.darkAlgorithm,
    token: {
      borderRadius: 6,
      colorPrimary: '#3c89e8',
      colorInfo: '#3c89e8',
      colorError: '#e84749',
      // Error text (failed tasks' messages in the table) on dark surfaces: antd's red-4.
      colorErrorText: '#ff7875',
      colorLink: '#69b1ff',
      colorLinkHover: '#91caff',
      colorLinkActive: '#4096ff',
      colorTextTertiary: 'rgba(255, 255, 255, 0.62)',
      colorTextPlaceholder: 'rgba(255, 255, 255, 0.62)',
      colorTextDescription: 'rgba(255, 255, 255, 0.66)',
    },
  },
};

const FeedbackHost = lazy(() => import('./feedback-host').then((m) => ({ default: m.FeedbackHost })));

/**
 * antd's message and notification (components/feedback.ts), once the first rows are painted.
 * Outside the tree a language change remounts: a notice on screen (an export's, which stays
 * until closed) survives the switch.
 */
function DeferredFeedbackHost() {
  return useFirstScreenShown() ? (
    <Suspense fallback={null}>
      <FeedbackHost />
    </Suspense>
  ) : null;
}

/**
 * antd renders (ConfigProvider; message and notification from a host loaded after the first
 * rows, components/feedback.ts), TanStack Query owns server
 * state. The UI locale and theme come from their settings (app/locale-setting.ts,
 * app/theme-setting.ts): a locale change remounts the tree below (every string is read
 * at render; the query cache and the URL keep the data and the view).
 */
export function AppProviders({
  children,
  queryClient: given,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
}) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  const locale = useSyncExternalStore(subscribeLocale, getLocale);
  const resolvedTheme = useSyncExternalStore(subscribeTheme, getResolvedTheme);
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = resolvedTheme;
    root.style.colorScheme = resolvedTheme;
  }, [resolvedTheme]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={antdLocaleFor(locale)}
        theme={APP_THEMES[resolvedTheme]}
        // No space inserted between two Chinese characters on buttons ("紧凑", not "紧 凑").
        button={{ autoInsertSpace: false }}
      >
        <DeferredFeedbackHost />
        <Fragment key={locale}>{children}</Fragment>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
