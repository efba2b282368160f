import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationBegun, ApplicationMaterialView, CaptureMaterialView, SystemStatus } from '../../electron/ipc/contract';
import { Icon, type IconName } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { ScrollArea } from '../components/scroll-area';
import { Spinner } from '../components/spinner';
import { type DateChoice, addDays, clampDate, hasAllChoices } from '../flows/application-types';
import { applicationStepProps } from './application-steps';

export interface ApplicationMaterialsScreenProps {
  readonly status: SystemStatus;
  readonly begun: ApplicationBegun;
  readonly materials: readonly ApplicationMaterialView[];
  /** The capture's materials: which can be photographed, and their pages. */
  readonly captureMaterials: readonly CaptureMaterialView[];
  /** The material whose choice is being saved, if any: every button waits for it. */
  readonly savingId: string | null;
  /** Why the last choice was refused, in the core's words. */
  readonly notice: string | null;
  /** 容缺后补 being chosen: the date dialog is open over the list. */
  readonly dateChoice: DateChoice | null;
  readonly onCapture: (materialId: string) => void;
  readonly onChoose: (materialId: string, choice: 'notApplicable' | 'missing') => void;
  readonly onDefer: (materialId: string) => void;
  readonly onPickDate: (date: string) => void;
  readonly onConfirmDate: () => void;
  readonly onCancelDate: () => void;
  readonly onNext: () => void;
  readonly onBack: () => void;
  readonly onHome: () => void;
}

/**
 * 申请材料: one row per material with how it is provided now and a button per choice the
 * material allows: 拍摄 (into the capture screens), 容缺后补 (a date), 不适用 (conditional
 * ones), 暂无此材料. Shared data is shown as 已在政府留存，无需提交, with nothing to do.
 */
export function ApplicationMaterialsScreen(props: ApplicationMaterialsScreenProps): ReactNode {
  const { status, begun, materials, notice, dateChoice, onNext, onBack, onHome } = props;
  const { t } = useTranslation();
  const undecided = materials.filter((material) => material.choice === null).length;
  const canGoOn = hasAllChoices(materials) && props.savingId === null;
  const dateMaterial = dateChoice ? materials.find((material) => material.materialId === dateChoice.materialId) : undefined;
  return (
    <JourneyLayout status={status} onHome={onHome} {...applicationStepProps(t, begun, 'materials')} screen="application-materials">
      <div className="application-title-row">
        <h2 className="screen__title">{t('application.materials.title')}</h2>
        <p className="application-title-row__hint">{undecided > 0 ? t('application.materials.hint') : t('application.materials.hintDone')}</p>
      </div>
      {notice ? (
        <p className="application-inline-notice" role="alert" data-testid="application-material-notice">
          <Icon name="alert" />
          <span>{notice}</span>
        </p>
      ) : null}
      <ScrollArea label={t('application.materials.title')} testId="application-material-list">
        <ul className="application-materials">
          {materials.map((material) => (
            <MaterialRow key={material.materialId} {...props} material={material} />
          ))}
        </ul>
      </ScrollArea>
      <div className="journey-actions">
        <button type="button" className="button button--secondary button--wide" data-testid="application-back" onClick={onBack}>
          <Icon name="chevronLeft" />
          {t('application.back')}
        </button>
        <span className="journey-actions__spacer" />
        {undecided > 0 ? <p className="application-note">{t('application.materials.nextHint', { count: undecided })}</p> : null}
        <button type="button" className="button button--primary button--huge" disabled={!canGoOn} data-testid="application-materials-next" onClick={onNext}>
          {t('application.next')}
          <Icon name="chevronRight" />
        </button>
      </div>
      {dateChoice && dateMaterial ? <DateDialog {...props} dateChoice={dateChoice} material={dateMaterial} /> : null}
    </JourneyLayout>
  );
}

/** How a material is provided now, in a short line. */
export function materialStateText(t: TFunction, material: ApplicationMaterialView, capturedPages: number): string {
  switch (material.choice) {
    case 'shared':
      return t('application.materials.state.shared');
    case 'captured':
      return t('application.materials.state.captured', { count: capturedPages });
    case 'deferred':
      return t('application.materials.state.deferred', { date: material.promiseDate ?? '' });
    case 'notApplicable':
      return t('application.materials.state.notApplicable');
    case 'missing':
      return t('application.materials.state.missing');
    case null:
      return capturedPages > 0 ? t('application.materials.state.partial', { count: capturedPages }) : t('application.materials.state.none');
  }
}

const STATE_ICONS: Readonly<Record<string, IconName>> = {
  shared: 'building',
  captured: 'check',
  deferred: 'clock',
  notApplicable: 'close',
  missing: 'alert',
  none: 'info',
};

interface MaterialRowProps extends ApplicationMaterialsScreenProps {
  readonly material: ApplicationMaterialView;
}

function MaterialRow({ material, captureMaterials, savingId, onCapture, onChoose, onDefer }: MaterialRowProps): ReactNode {
  const { t } = useTranslation();
  const { materialId, choice } = material;
  const capture = captureMaterials.find((m) => m.materialId === materialId) ?? null;
  const pages = capture ? capture.pages.filter((page) => page.isUsable).length : material.capturedPages;
  const isBusy = savingId !== null;
  const isShared = choice === 'shared' || material.choices.includes('shared');
  const state = choice ?? 'none';
  const button = (kind: string, label: string, icon: IconName, onClick: () => void, isChosen: boolean): ReactNode => (
    <button
      key={kind}
      type="button"
      className={`button ${isChosen ? 'button--primary' : 'button--secondary'} application-choice`}
      aria-pressed={isChosen}
      disabled={isBusy}
      data-testid={`material-${materialId}-${kind}`}
      onClick={onClick}
    >
      {savingId === materialId && isChosen ? <Spinner /> : <Icon name={icon} />}
      <span>{label}</span>
    </button>
  );
  const captureLabel =
    pages === 0 ? t('application.materials.capture') : choice === 'captured' ? t('application.materials.recapture') : t('application.materials.continueCapture');
  return (
    <li className={`application-material application-material--${state}`} data-testid={`application-material-${materialId}`} data-choice={choice ?? ''}>
      <div className="application-material__text">
        <p className="application-material__name">
          <span>{material.name}</span>
          {isShared ? null : (
            <span className={`badge badge--requirement badge--${material.requirement}`}>{requirementText(t, material.requirement)}</span>
          )}
        </p>
        {material.condition ? <p className="application-material__line">{t('application.materials.condition', { condition: material.condition })}</p> : null}
        <p className="application-material__state" data-testid={`material-${materialId}-state`}>
          <Icon name={STATE_ICONS[state] ?? 'info'} />
          <span>{materialStateText(t, material, pages)}</span>
        </p>
      </div>
      {isShared ? null : (
        <div className="application-material__actions">
          {material.choices.includes('captured') && capture
            ? button('capture', captureLabel, 'camera', () => onCapture(materialId), choice === 'captured')
            : null}
          {material.choices.includes('deferred')
            ? button('deferred', t('application.materials.deferred'), 'clock', () => onDefer(materialId), choice === 'deferred')
            : null}
          {material.choices.includes('notApplicable')
            ? button('notApplicable', t('application.materials.notApplicable'), 'close', () => onChoose(materialId, 'notApplicable'), choice === 'notApplicable')
            : null}
          {material.choices.includes('missing')
            ? button('missing', t('application.materials.missing'), 'alert', () => onChoose(materialId, 'missing'), choice === 'missing')
            : null}
        </div>
      )}
    </li>
  );
}

function requirementText(t: TFunction, requirement: ApplicationMaterialView['requirement']): string {
  switch (requirement) {
    case 'required':
      return t('application.materials.requirement.required');
    case 'deferrable':
      return t('application.materials.requirement.deferrable');
    case 'conditional':
      return t('application.materials.requirement.conditional');
  }
}

interface DateDialogProps extends ApplicationMaterialsScreenProps {
  readonly dateChoice: DateChoice;
  readonly material: ApplicationMaterialView;
}

/** 容缺后补: the promise date, stepped by a day or a week within the allowed range. */
function DateDialog({ begun, dateChoice, material, onPickDate, onConfirmDate, onCancelDate }: DateDialogProps): ReactNode {
  const { t, i18n } = useTranslation();
  const range = begun.promiseDates;
  const { date } = dateChoice;
  const [year, month, day] = date.split('-').map(Number);
  // The day of the week in the screen's language (星期一 / Monday); the date is a calendar day.
  const weekday = new Intl.DateTimeFormat(i18n.language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
  const step = (days: number): void => onPickDate(clampDate(addDays(date, days), range));
  const stepButton = (days: number, label: string, testId: string): ReactNode => {
    const target = clampDate(addDays(date, days), range);
    return (
      <button type="button" className="button button--secondary application-date__step" disabled={target === date} data-testid={testId} onClick={() => step(days)}>
        {label}
      </button>
    );
  };
  return (
    <div className="overlay" role="presentation">
      <div className="dialog application-date" role="dialog" aria-modal="true" aria-labelledby="application-date-title" data-testid="application-date">
        <h2 id="application-date-title" className="dialog__title">
          {t('application.date.title')}
        </h2>
        <p className="application-date__material">{t('application.date.material', { name: material.name })}</p>
        <div className="application-date__picker">
          <div className="application-date__column">
            {stepButton(-7, t('application.date.weekEarlier'), 'application-date-week-earlier')}
            {stepButton(-1, t('application.date.dayEarlier'), 'application-date-earlier')}
          </div>
          <p className="application-date__value" aria-live="polite" data-testid="application-date-value" data-date={date}>
            <span>{t('application.date.value', { year, month, day })}</span>
            <span className="application-date__weekday">{weekday}</span>
          </p>
          <div className="application-date__column">
            {stepButton(7, t('application.date.weekLater'), 'application-date-week-later')}
            {stepButton(1, t('application.date.dayLater'), 'application-date-later')}
          </div>
        </div>
        <p className="application-date__range">{t('application.date.range', { earliest: range.earliest, latest: range.latest })}</p>
        <p className="dialog__body">{t('application.date.note')}</p>
        <div className="notice__actions">
          <button type="button" className="button button--secondary button--wide" data-testid="application-date-cancel" onClick={onCancelDate}>
            {t('application.date.cancel')}
          </button>
          <button type="button" className="button button--primary button--wide" data-testid="application-date-confirm" onClick={onConfirmDate}>
            <Icon name="check" />
            {t('application.date.confirm')}
          </button>
        </div>
      </div>
    </div>
  );
}
