/**
 * 模拟高拍仪: a developer's way to put a document on the simulated camera's stage — an A4
 * page, either side of the ID card, a page with a QR code, nothing — sharp, blurred, with
 * glare or partly off the stage (`dev.placeDocument`). Shown only when the status says the
 * document camera itself is simulated; the core refuses the call for a real one anyway.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SimulatedDocumentKind, SimulatedDocumentVariant, SystemStatus } from '../../electron/ipc/contract';
import { useKiosk } from '../api/kiosk-context';
import { DevPanelToggle } from './dev-card-panel';
import { Icon } from './icons';

const DOCUMENTS: readonly Exclude<SimulatedDocumentKind, 'none'>[] = ['a4Text', 'idCardFront', 'idCardBack', 'a4Qr'];
const VARIANTS: readonly SimulatedDocumentVariant[] = ['clean', 'blur', 'glare', 'cutOff'];

/** True when the panel may appear: simulated terminal with a simulated document camera. */
export function hasSimulatedCamera(status: SystemStatus): boolean {
  return status.isSimulated && status.devices.some((device) => device.kind === 'documentCamera' && device.isSimulated);
}

export function DevCapturePanel({ status }: { readonly status: SystemStatus }): ReactNode {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const [isOpen, setIsOpen] = useState(false);
  const [variant, setVariant] = useState<SimulatedDocumentVariant>('clean');

  if (!hasSimulatedCamera(status)) return null;

  // The panel closes at once so the live view shows what was placed.
  const place = (document: SimulatedDocumentKind): void => {
    setIsOpen(false);
    kiosk.dev.placeDocument({ document, variant }).then(ignore, ignore);
  };

  return (
    <div className="dev-cards">
      {isOpen ? (
        <div className="dev-cards__panel" role="group" aria-labelledby="dev-camera-title" data-testid="dev-camera-list">
          <p id="dev-camera-title" className="dev-cards__title">
            {t('dev.cameraTitle')}
          </p>
          <div className="dev-cards__variants" role="group" aria-label={t('dev.cameraVariant')}>
            {VARIANTS.map((option) => (
              <button
                key={option}
                type="button"
                className={`button dev-cards__card dev-cards__variant${option === variant ? ' dev-cards__variant--on' : ''}`}
                aria-pressed={option === variant}
                data-testid={`dev-camera-variant-${option}`}
                onClick={() => setVariant(option)}
              >
                {t(`dev.variants.${option}`)}
              </button>
            ))}
          </div>
          <ul className="dev-cards__list">
            {DOCUMENTS.map((document) => (
              <li key={document}>
                <button type="button" className="button dev-cards__card" data-testid={`dev-camera-${document}`} onClick={() => place(document)}>
                  <Icon name={document === 'a4Qr' ? 'qrCode' : document === 'a4Text' ? 'document' : 'idCard'} />
                  <span>{t(`dev.documents.${document}`)}</span>
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button dev-cards__card dev-cards__remove" data-testid="dev-camera-none" onClick={() => place('none')}>
            {t('dev.documents.none')}
          </button>
        </div>
      ) : null}
      <DevPanelToggle testId="dev-camera-panel" icon="document" isOpen={isOpen} openLabel={t('dev.cameraOpen')} onToggle={() => setIsOpen(!isOpen)} />
    </div>
  );
}

function ignore(): void {
  // The stage changes on the next preview frame; a refused call changes nothing on the screen.
}
