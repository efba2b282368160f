/**
 * 请将二维码对准扫码窗口: the scanner is on while this is shown (`scan.start` on mount,
 * `scan.stop` on unmount), and the codes it reads arrive as `scan.scanned` — from the
 * scanner device, or from the keyboard guard, whose bursts this prompt sends to
 * `scan.submitText` (the core classifies them and emits the same event).
 *
 * A code of the kind this journey wants goes to `onCode`. Anything else keeps the prompt
 * waiting with a line saying why: a refused code shows the core's Chinese message only —
 * never the scanned text, which may be anything (reliability.md (c), QR payloads) — and a
 * code of the other kind says where it belongs. Nothing scanned is ever rendered as markup.
 */
import type { TFunction } from 'i18next';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScanResult } from '../../electron/ipc/contract';
import { useKiosk, useKioskEvent } from '../api/kiosk-context';
import { Icon } from './icons';
import { useScanSink } from './scan-guard-context';
import { ScannerIllustration } from './scanner-illustration';
import { useSpeakOnShow } from './speak';

export type ScanKind = 'receipt' | 'appointment';
export type AcceptedScan<K extends ScanKind> = Extract<ScanResult, { kind: K }>;

/** The line under the instruction. */
export type ScanNotice =
  | { readonly kind: 'refused'; readonly message: string }
  | { readonly kind: 'wrongKind' }
  | { readonly kind: 'failed'; readonly message: string | null }
  | { readonly kind: 'unavailable'; readonly message: string | null };

export interface ScanPromptProps<K extends ScanKind> {
  readonly accept: K;
  readonly onCode: (code: AcceptedScan<K>) => void;
  /** For tests of the static markup: the notice to start with. */
  readonly initialNotice?: ScanNotice | null;
}

function ignore(): void {
  // scan.stop is best effort: the session's end stops the scanner as well.
}

export function ScanPrompt<K extends ScanKind>({ accept, onCode, initialNotice = null }: ScanPromptProps<K>): ReactNode {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [notice, setNotice] = useState<ScanNotice | null>(initialNotice);
  useSpeakOnShow('voice.scanCode');

  useEffect(() => {
    let isMounted = true;
    kiosk.scan.start({}).then(
      (result) => {
        if (isMounted && !result.ok) setNotice({ kind: 'unavailable', message: result.error.message || null });
      },
      () => {
        if (isMounted) setNotice({ kind: 'unavailable', message: null });
      },
    );
    return () => {
      isMounted = false;
      kiosk.scan.stop({}).then(ignore, ignore);
    };
  }, [kiosk]);

  useKioskEvent('scan.scanned', (result) => {
    if (result.kind === accept) {
      setNotice(null);
      onCode(result as AcceptedScan<K>);
    } else if (result.kind === 'refused') {
      setNotice({ kind: 'refused', message: result.message });
    } else {
      setNotice({ kind: 'wrongKind' });
    }
  });

  useScanSink((text) => {
    kiosk.scan.submitText({ text }).then(
      (result) => {
        if (!result.ok) setNotice({ kind: 'failed', message: result.error.message || null });
      },
      () => setNotice({ kind: 'failed', message: null }),
    );
  });

  return (
    <div className="scan-prompt">
      <div className="scan-prompt__picture">
        <ScannerIllustration label={t('scan.illustration')} />
      </div>
      <div className="scan-prompt__text">
        <h2 className="scan-prompt__title">{t('scan.title')}</h2>
        <p className="scan-prompt__hint">{accept === 'receipt' ? t('scan.hint.receipt') : t('scan.hint.appointment')}</p>
        <p className="scan-prompt__waiting" aria-live="polite">
          <span className="scan-prompt__pulse" aria-hidden="true" />
          {t('scan.waiting')}
        </p>
        <div className="scan-prompt__notice-slot">
          {notice ? (
            <p className="scan-prompt__notice" role="alert" data-testid="scan-notice" data-kind={notice.kind}>
              <Icon name="alert" className="scan-prompt__notice-icon" />
              <span>{noticeText(notice, accept, t)}</span>
            </p>
          ) : null}
        </div>
      </div>
    </div>
  );
}

type Translate = TFunction;

function noticeText(notice: ScanNotice, accept: ScanKind, t: Translate): string {
  switch (notice.kind) {
    case 'refused':
      return notice.message;
    case 'wrongKind':
      return accept === 'receipt' ? t('scan.wrongKind.receipt') : t('scan.wrongKind.appointment');
    case 'failed':
      return notice.message ?? t('scan.failed');
    case 'unavailable':
      return notice.message ?? t('scan.unavailable');
  }
}
