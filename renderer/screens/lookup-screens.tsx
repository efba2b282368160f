/**
 * The first two screens of 办件查询, 预约签到 and 好差评 from home: how to find the record
 * (scan its QR code, or the ID card), and the card reader's prompt.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceKind, SystemStatus } from '../../electron/ipc/contract';
import { DevCardPanel } from '../components/dev-card-panel';
import { Icon, type IconName } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { useSpeakOnShow } from '../components/speak';
import type { CardNotice } from '../flows/lookup-common';
import { IdentifyPanel } from './identify-screen';
import { type LookupFlow, lookupScreenOf, lookupStepProps } from './lookup-steps';

/** False only when the status lists the device and it is not online (an older core lists none). */
export function isDeviceUsable(status: SystemStatus, kind: DeviceKind): boolean {
  const device = status.devices.find((candidate) => candidate.kind === kind);
  return device === undefined || device.state === 'online';
}

export interface LookupChoiceScreenProps {
  readonly status: SystemStatus;
  readonly flow: LookupFlow;
  readonly onScan: () => void;
  readonly onCard: () => void;
  readonly onHome: () => void;
}

/** 扫描二维码 or 刷身份证: one decision, two big buttons. */
export function LookupChoiceScreen({ status, flow, onScan, onCard, onHome }: LookupChoiceScreenProps): ReactNode {
  const { t } = useTranslation();
  const isScannerUsable = isDeviceUsable(status, 'barcodeScanner');
  const isReaderUsable = isDeviceUsable(status, 'idCardReader');
  const isCheckIn = flow === 'checkIn';
  return (
    <JourneyLayout status={status} onHome={onHome} {...lookupStepProps(t, flow, 'chooseMethod')} screen={lookupScreenOf(flow)}>
      <h2 className="screen__title lookup-choice__title" data-testid="lookup-choice-title">
        {t(`lookup.choose.${flow}`)}
      </h2>
      <ul className="lookup-choice" data-testid="lookup-choice">
        <LookupChoiceOption
          testId="lookup-scan"
          icon="qrCode"
          name={isCheckIn ? t('lookup.scanAppointment') : t('lookup.scanReceipt')}
          hint={isScannerUsable ? (isCheckIn ? t('lookup.scanAppointmentHint') : t('lookup.scanReceiptHint')) : t('scan.unavailable')}
          isUsable={isScannerUsable}
          onChoose={onScan}
        />
        <LookupChoiceOption
          testId="lookup-card"
          icon="idCard"
          name={t('lookup.card')}
          hint={isReaderUsable ? t(`lookup.cardHint.${flow}`) : t('lookup.readerUnavailable')}
          isUsable={isReaderUsable}
          onChoose={onCard}
        />
      </ul>
    </JourneyLayout>
  );
}

interface LookupChoiceOptionProps {
  readonly testId: string;
  readonly icon: IconName;
  readonly name: string;
  /** How to use it, or why it cannot be used now. */
  readonly hint: string;
  readonly isUsable: boolean;
  readonly onChoose: () => void;
}

function LookupChoiceOption({ testId, icon, name, hint, isUsable, onChoose }: LookupChoiceOptionProps): ReactNode {
  return (
    <li className="lookup-choice__slot">
      <button
        type="button"
        className="lookup-choice__option"
        data-testid={testId}
        disabled={!isUsable}
        aria-disabled={!isUsable}
        onClick={onChoose}
      >
        <Icon name={icon} className="lookup-choice__icon" />
        <span className="lookup-choice__name">{name}</span>
        <span className="lookup-choice__hint">{hint}</span>
      </button>
    </li>
  );
}

export interface LookupCardScreenProps {
  readonly status: SystemStatus;
  readonly flow: LookupFlow;
  readonly notice: CardNotice | null;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/** 请将身份证放置在感应区: the reader polls while this is shown; the card moves the journey on. */
export function LookupCardScreen({ status, flow, notice, onBack, onHome }: LookupCardScreenProps): ReactNode {
  const { t } = useTranslation();
  useSpeakOnShow('voice.placeCard');
  return (
    <JourneyLayout status={status} onHome={onHome} {...lookupStepProps(t, flow, 'find')} screen="identify">
      <IdentifyPanel>
        <p className="identify__category" data-testid="lookup-card-purpose">
          {t(`lookup.cardPurpose.${flow}`)}
        </p>
        <div className="identify__notice-slot">
          {notice ? (
            <p className="identify__notice" role="alert" data-testid="identify-notice" data-kind={notice.kind}>
              <Icon name="alert" className="identify__notice-icon" />
              <span>
                {notice.kind === 'readFailed'
                  ? (notice.message ?? t(`identify.failure.${notice.reason}`))
                  : (notice.message ?? t('lookup.readerUnavailable'))}
              </span>
            </p>
          ) : null}
        </div>
        <div className="identify__actions">
          <button type="button" className="button button--secondary button--wide" data-testid="lookup-back" onClick={onBack}>
            <Icon name="chevronLeft" />
            {t('lookup.back')}
          </button>
        </div>
      </IdentifyPanel>
      <DevCardPanel status={status} />
    </JourneyLayout>
  );
}
