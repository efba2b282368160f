/**
 * 模拟刷证: a developer's way to put specimen cards on a simulated reader. Shown only when
 * the status says the reader itself is simulated; the core refuses the dev methods for a
 * real reader anyway (`forbidden`). 模拟扫码 ({@link DevScanPanel}) does the same for the
 * barcode scanner: sample codes from `dev.listSampleCodes`, scanned with `dev.scan`.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpecimenCard, SystemStatus } from '../../electron/ipc/contract';
import { useKiosk } from '../api/kiosk-context';
import { Icon, type IconName } from './icons';

/** True when 模拟扫码 may appear: simulated terminal with a simulated barcode scanner. */
export function hasSimulatedScanner(status: SystemStatus): boolean {
  return status.isSimulated && status.devices.some((device) => device.kind === 'barcodeScanner' && device.isSimulated);
}

/** True when the panel may appear: simulated terminal with a simulated ID card reader. */
export function hasSimulatedReader(status: SystemStatus): boolean {
  return status.isSimulated && status.devices.some((device) => device.kind === 'idCardReader' && device.isSimulated);
}

type Specimens =
  | { readonly phase: 'loading' }
  | { readonly phase: 'ready'; readonly cards: readonly SpecimenCard[] }
  | { readonly phase: 'failed'; readonly message: string | null };

export function DevCardPanel({ status }: { readonly status: SystemStatus }): ReactNode {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [isOpen, setIsOpen] = useState(false);
  const [specimens, setSpecimens] = useState<Specimens>({ phase: 'loading' });

  if (!hasSimulatedReader(status)) return null;

  const open = (): void => {
    setIsOpen(true);
    setSpecimens({ phase: 'loading' });
    kiosk.dev.listSpecimenCards({}).then(
      (result) =>
        setSpecimens(
          result.ok ? { phase: 'ready', cards: result.value } : { phase: 'failed', message: result.error.message || null },
        ),
      () => setSpecimens({ phase: 'failed', message: null }),
    );
  };
  // The panel closes at once so the screen's answer (confirmation, message) is in view.
  const present = (specimenId: string): void => {
    setIsOpen(false);
    kiosk.dev.presentCard({ specimenId }).then(ignore, ignore);
  };
  const remove = (): void => {
    setIsOpen(false);
    kiosk.dev.removeCard({}).then(ignore, ignore);
  };

  return (
    <div className="dev-cards">
      {isOpen ? (
        <div className="dev-cards__panel" role="group" aria-labelledby="dev-cards-title" data-testid="dev-card-list">
          <p id="dev-cards-title" className="dev-cards__title">
            {t('dev.title')}
          </p>
          {specimens.phase === 'loading' ? <p className="dev-cards__text">{t('dev.loading')}</p> : null}
          {specimens.phase === 'failed' ? (
            <p className="dev-cards__text" role="alert">
              {specimens.message ?? t('dev.loadFailed')}
            </p>
          ) : null}
          {specimens.phase === 'ready' ? (
            <ul className="dev-cards__list">
              {specimens.cards.map((card) => (
                <li key={card.id}>
                  <button
                    type="button"
                    className="button dev-cards__card"
                    data-testid={`dev-card-${card.id}`}
                    onClick={() => present(card.id)}
                  >
                    <Icon name="idCard" />
                    <span>{card.label}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
          <button type="button" className="button dev-cards__card dev-cards__remove" data-testid="dev-card-remove" onClick={remove}>
            {t('dev.remove')}
          </button>
        </div>
      ) : null}
      <DevPanelToggle testId="dev-card-panel" icon="idCard" isOpen={isOpen} openLabel={t('dev.open')} onToggle={isOpen ? () => setIsOpen(false) : open} />
    </div>
  );
}

/** The small button that opens and closes a dev panel (simulated devices only). */
export function DevPanelToggle({
  testId,
  icon,
  isOpen,
  openLabel,
  onToggle,
}: {
  readonly testId: string;
  readonly icon: IconName;
  readonly isOpen: boolean;
  readonly openLabel: string;
  readonly onToggle: () => void;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <button type="button" className="button dev-cards__toggle" data-testid={testId} aria-expanded={isOpen} onClick={onToggle}>
      <Icon name={icon} />
      {isOpen ? t('dev.close') : openLabel}
    </button>
  );
}

function ignore(): void {
  // The reader answers with its events; a refused call changes nothing on the screen.
}

type SampleCodes =
  | { readonly phase: 'loading' }
  | { readonly phase: 'ready'; readonly codes: readonly { readonly label: string; readonly text: string }[] }
  | { readonly phase: 'failed'; readonly message: string | null };

/** 模拟扫码: sample codes through the simulated scanner; only for a simulated scanner. */
export function DevScanPanel({ status }: { readonly status: SystemStatus }): ReactNode {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [isOpen, setIsOpen] = useState(false);
  const [samples, setSamples] = useState<SampleCodes>({ phase: 'loading' });

  if (!hasSimulatedScanner(status)) return null;

  const open = (): void => {
    setIsOpen(true);
    setSamples({ phase: 'loading' });
    kiosk.dev.listSampleCodes({}).then(
      (result) =>
        setSamples(
          result.ok ? { phase: 'ready', codes: result.value } : { phase: 'failed', message: result.error.message || null },
        ),
      () => setSamples({ phase: 'failed', message: null }),
    );
  };
  const scan = (text: string): void => {
    setIsOpen(false);
    kiosk.dev.scan({ text }).then(ignore, ignore);
  };

  return (
    <div className="dev-cards">
      {isOpen ? (
        <div className="dev-cards__panel" role="group" aria-labelledby="dev-codes-title" data-testid="dev-scan-list">
          <p id="dev-codes-title" className="dev-cards__title">
            {t('dev.scanTitle')}
          </p>
          {samples.phase === 'loading' ? <p className="dev-cards__text">{t('dev.scanLoading')}</p> : null}
          {samples.phase === 'failed' ? (
            <p className="dev-cards__text" role="alert">
              {samples.message ?? t('dev.scanLoadFailed')}
            </p>
          ) : null}
          {samples.phase === 'ready' ? (
            <ul className="dev-cards__list">
              {samples.codes.map((code, index) => (
                <li key={code.label}>
                  <button
                    type="button"
                    className="button dev-cards__card"
                    data-testid={`dev-scan-${index}`}
                    data-label={code.label}
                    onClick={() => scan(code.text)}
                  >
                    <Icon name="qrCode" />
                    <span>{code.label}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <DevPanelToggle testId="dev-scan-panel" icon="qrCode" isOpen={isOpen} openLabel={t('dev.scanOpen')} onToggle={isOpen ? () => setIsOpen(false) : open} />
    </div>
  );
}
