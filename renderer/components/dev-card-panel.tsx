/**
 * 模拟刷证: a developer's way to put specimen cards on a simulated reader. Shown only when
 * the status says the reader itself is simulated; the core refuses the dev methods for a
 * real reader anyway (`forbidden`).
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SpecimenCard, SystemStatus } from '../../electron/ipc/contract';
import { useKiosk } from '../api/kiosk-context';
import { Icon } from './icons';

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
      <button
        type="button"
        className="button dev-cards__toggle"
        data-testid="dev-card-panel"
        aria-expanded={isOpen}
        onClick={isOpen ? () => setIsOpen(false) : open}
      >
        <Icon name="idCard" />
        {isOpen ? t('dev.close') : t('dev.open')}
      </button>
    </div>
  );
}

function ignore(): void {
  // The reader answers with its events; a refused call changes nothing on the screen.
}
