/**
 * Renders renderer components to static markup with the providers the screens need (i18n,
 * a fake kiosk, a fixed clock), and small readers for the result. Shared by the screen tests.
 */
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { KioskProvider } from '../../renderer/api/kiosk-context';
import { createFakeKiosk } from '../../renderer/api/fake-kiosk';
import { NowProvider } from '../../renderer/components/clock';
import { type Language, createI18n } from '../../renderer/i18n';

/** 2025-11-24 09:30 in the hall. */
export const RENDER_NOW = Date.UTC(2025, 10, 24, 1, 30, 0);

export function render(node: ReactNode, language: Language = 'zh-CN'): string {
  return renderToStaticMarkup(
    <I18nextProvider i18n={createI18n(language)}>
      <KioskProvider kiosk={createFakeKiosk().kiosk}>
        <NowProvider now={() => RENDER_NOW}>{node}</NowProvider>
      </KioskProvider>
    </I18nextProvider>,
  );
}

/** Visible text only, tags removed, whitespace collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

export function testIds(html: string): string[] {
  return [...html.matchAll(/data-testid="([^"]+)"/gu)].map((match) => match[1] ?? '');
}
