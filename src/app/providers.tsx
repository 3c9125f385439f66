import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/es/locale/en_US';
import { useState, type ReactNode } from 'react';
import { createQueryClient } from '../lib/query-client';

/**
 * Seed colours one step darker than antd's defaults, and secondary text less faint, so
 * links, error text, placeholders and muted text meet WCAG AA contrast (axe checks it).
 */
const APP_THEME: ThemeConfig = {
  token: {
    borderRadius: 6,
    colorPrimary: '#0958d9',
    colorInfo: '#0958d9',
    colorError: '#cf1322',
    colorTextTertiary: 'rgba(0, 0, 0, 0.58)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
  },
};

/** antd renders (ConfigProvider + App for message/notification), TanStack Query owns server state. */
export function AppProviders({
  children,
  queryClient: given,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
}) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={enUS} theme={APP_THEME}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
