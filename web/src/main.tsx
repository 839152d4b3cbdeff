import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { queryClient } from './data/query-client.ts';
import { I18nProvider } from './i18n/i18n-provider.tsx';
import { loadMessages, resolveInitialLocale } from './i18n/locales.ts';
import { SessionProvider } from './session/session-provider.tsx';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);

const locale = resolveInitialLocale();
// Wait for the reader's catalogue before the first paint, rather than flash English at them.
loadMessages(locale)
  .then((messages) => ({ locale, messages }))
  .catch(async () => ({ locale: 'en' as const, messages: await loadMessages('en') }))
  .then(({ locale: shownLocale, messages }) => {
    root.render(
      <StrictMode>
        <QueryClientProvider client={queryClient}>
          <I18nProvider initialLocale={shownLocale} initialMessages={messages}>
            <SessionProvider>
              <App />
            </SessionProvider>
          </I18nProvider>
        </QueryClientProvider>
      </StrictMode>,
    );
  });
