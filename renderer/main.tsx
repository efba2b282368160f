/**
 * Entry point. `window.kiosk` comes from the Electron preload; in the web host the client
 * builds the same object over the host's WebSocket. The dev build for screenshots and
 * manual testing (`vite --mode fake`) falls back to an in-page fake instead; in every other
 * build that branch is compiled out, fake included.
 */
import './themes/standard.css';
import './themes/care-mode.css';
import './themes/high-contrast.css';
import './themes/base.css';
import './themes/theme-switch.css';
import './themes/guide.css';
import './themes/search.css';
import './themes/keyboard.css';
import './themes/guide-page.css';
import './themes/guide-sections.css';
import './themes/services.css';
import './themes/capture.css';
import './themes/application.css';
import './themes/form.css';
import './themes/console.css';
import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import type { KioskApi } from '../electron/ipc/contract';
import { KioskProvider } from './api/kiosk-context';
import { connectWebKiosk } from './api/web-client';
import { App } from './app';
import { installLockdown } from './components/lockdown';
import { ScanGuardProvider } from './components/scan-guard-context';
import { DEFAULT_LANGUAGE, createI18n, isLanguage } from './i18n';
import { installVoice, setVoiceLanguage, webAudioBackend } from './components/speak';
import { BootScreen } from './screens/boot-screen';

/** After a failed connection the page reloads itself, which retries from a clean state. */
const UNREACHABLE_RELOAD_MS = 10_000;

async function resolveKiosk(): Promise<KioskApi> {
  if (window.kiosk) return window.kiosk;
  if (import.meta.env.MODE === 'fake') {
    const { createDevFakeKiosk } = await import('./api/fake-kiosk');
    const fake = createDevFakeKiosk(window.location.search);
    window.fakeKiosk = fake.control;
    return fake.kiosk;
  }
  return connectWebKiosk();
}

async function boot(): Promise<void> {
  installLockdown(document);
  const container = document.getElementById('root');
  if (!container) throw new Error('index.html has no #root');
  const root = createRoot(container);
  const i18n = createI18n();
  installVoice(webAudioBackend());
  i18n.on('languageChanged', (language: string) => setVoiceLanguage(isLanguage(language) ? language : DEFAULT_LANGUAGE));
  const render = (node: ReactNode): void =>
    root.render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>{node}</I18nextProvider>
      </StrictMode>,
    );

  render(<BootScreen phase="starting" />);
  let kiosk: KioskApi;
  try {
    kiosk = await resolveKiosk();
  } catch {
    render(<BootScreen phase="unreachable" />);
    setTimeout(() => window.location.reload(), UNREACHABLE_RELOAD_MS);
    return;
  }
  render(
    <KioskProvider kiosk={kiosk}>
      {/* Every physical key is the scanner's (scan-guard.ts): none types into the screen. */}
      <ScanGuardProvider>
        <App />
      </ScanGuardProvider>
    </KioskProvider>,
  );
}

void boot();
