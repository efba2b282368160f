import type { TFunction } from 'i18next';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuideMaterial, GuideView } from '../../electron/ipc/contract';
import { CollapsibleSection } from '../components/collapsible-section';
import { Icon } from '../components/icons';

/** The sections of a guide that fold, in page order. */
export type GuideSectionId = 'materials' | 'fees' | 'conditions' | 'process' | 'specialSteps' | 'legalBasis' | 'more';

/** 申请材料 is what citizens come for: open from the start. */
export const INITIALLY_OPEN: ReadonlySet<GuideSectionId> = new Set(['materials']);

/** 承诺 5 个工作日办结 / 即办, and the statutory limit beside it. */
export function timeLimitLines(t: TFunction, guide: Pick<GuideView, 'promisedDays' | 'statutoryDays'>): readonly string[] {
  return [
    guide.promisedDays === 0 ? t('page.promisedInstant') : t('page.promised', { count: guide.promisedDays }),
    guide.statutoryDays === 0 ? t('page.statutoryInstant') : t('page.statutory', { count: guide.statutoryDays }),
  ];
}

/**
 * The short facts everyone needs, always open at the top: time limit, fees and phone in a
 * row, then where and when (and the online address) in one compact block.
 */
export function GuideFacts({ guide }: { readonly guide: GuideView }): ReactNode {
  const { t } = useTranslation();
  const [promised, statutory] = timeLimitLines(t, guide);
  return (
    <div className="guide-facts" data-testid="guide-facts">
      <dl className="guide-facts__row">
        <div className="guide-facts__fact">
          <dt>{t('page.timeLimit')}</dt>
          <dd>
            <span className="guide-facts__strong" data-testid="guide-time-limit">
              {promised}
            </span>
            <span className="guide-facts__note">{statutory}</span>
          </dd>
        </div>
        <div className="guide-facts__fact">
          <dt>{t('page.fees')}</dt>
          <dd className="guide-facts__strong" data-testid="guide-fees">
            {guide.fees.isFree ? t('page.free') : t('page.charged', { count: guide.fees.items.length })}
          </dd>
        </div>
        <div className="guide-facts__fact">
          <dt>{t('page.phone')}</dt>
          <dd className="guide-facts__number">{guide.phone}</dd>
        </div>
      </dl>
      <dl className="guide-facts__where">
        <div>
          <dt>{t('page.place')}</dt>
          <dd>{guide.place}</dd>
        </div>
        <div>
          <dt>{t('page.hours')}</dt>
          <dd>{guide.hours}</dd>
        </div>
        <div>
          <dt>{t('page.online')}</dt>
          {/* Text only: the kiosk opens no browser (R-E4); the printed checklist carries a QR code. */}
          <dd className="guide-facts__url" lang="en">
            {guide.onlineUrl}
          </dd>
        </div>
      </dl>
    </div>
  );
}

function MaterialItem({ material, index }: { readonly material: GuideMaterial; readonly index: number }): ReactNode {
  const { t } = useTranslation();
  return (
    <li className={`material material--${material.requirement}`} data-testid={`guide-material-${material.id}`}>
      <div className="material__head">
        <span className="material__index" aria-hidden="true">
          {index + 1}
        </span>
        <h4 className="material__name">{material.name}</h4>
        <span className={`badge badge--requirement badge--${material.requirement}`}>{t(`page.requirement.${material.requirement}`)}</span>
        {material.isSharedData ? (
          <span className="badge badge--shared" data-testid="guide-material-shared">
            <Icon name="check" />
            {t('page.shared')}
          </span>
        ) : null}
      </div>
      <p className="material__line">
        <span className="material__copies">{t('page.copies', { form: material.form, count: material.copies })}</span>
        <span className="material__source">{t('page.source', { source: material.source })}</span>
      </p>
      {material.requirement === 'conditional' && material.condition ? (
        <p className="material__line material__condition">{t('page.condition', { condition: material.condition })}</p>
      ) : null}
      {material.requirement === 'deferrable' ? <p className="material__line material__note">{t('page.deferrableHint')}</p> : null}
      {material.hasSample ? (
        <p className="material__line material__sample" data-testid="guide-material-sample">
          <Icon name="document" />
          <span>
            {material.sampleDescription
              ? t('page.sample', { description: material.sampleDescription })
              : t('page.sampleAvailable')}
          </span>
        </p>
      ) : null}
      {material.commonMistakes.length > 0 ? (
        <div className="material__mistakes">
          <p className="material__mistakes-title">
            <Icon name="alert" />
            {t('page.mistakes')}
          </p>
          <ul className="material__mistake-list">
            {material.commonMistakes.map((mistake) => (
              <li key={mistake}>{mistake}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </li>
  );
}

export interface GuideSectionsProps {
  readonly guide: GuideView;
  /** For tests: which sections start open (申请材料 by default). */
  readonly initiallyOpen?: ReadonlySet<GuideSectionId>;
}

/** Everything else of the guide, in sections that fold behind big headers. */
export function GuideSections({ guide, initiallyOpen = INITIALLY_OPEN }: GuideSectionsProps): ReactNode {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<GuideSectionId>>(initiallyOpen);
  const fold = (id: GuideSectionId) => ({
    id,
    title: t(`page.sections.${id}`),
    isOpen: open.has(id),
    onToggle: () =>
      setOpen((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
  });
  const shared = guide.materials.filter((material) => material.isSharedData).length;
  const materialsSummary = [
    t('page.materialsSummary', { count: guide.materials.length }),
    ...(shared > 0 ? [t('page.sharedSummary', { count: shared })] : []),
  ].join(' · ');
  return (
    <div className="guide-sections">
      <CollapsibleSection {...fold('materials')} summary={materialsSummary}>
        <ol className="materials" aria-label={t('page.sections.materials')}>
          {guide.materials.map((material, index) => (
            <MaterialItem key={material.id} material={material} index={index} />
          ))}
        </ol>
      </CollapsibleSection>
      {guide.fees.isFree ? null : (
        <CollapsibleSection {...fold('fees')}>
          <ul className="guide-list">
            {guide.fees.items.map((fee) => (
              <li key={fee.name} className="guide-list__item">
                <p className="guide-list__strong">
                  {fee.name}：{fee.amount}
                </p>
                <p className="guide-list__note">{t('page.feeBasis', { basis: fee.basis })}</p>
              </li>
            ))}
          </ul>
        </CollapsibleSection>
      )}
      <CollapsibleSection {...fold('conditions')}>
        <ul className="guide-list guide-list--bullets">
          {guide.conditions.map((condition) => (
            <li key={condition} className="guide-list__item">
              {condition}
            </li>
          ))}
        </ul>
      </CollapsibleSection>
      <CollapsibleSection {...fold('process')}>
        <ol className="process">
          {guide.process.map((step, index) => (
            <li key={`${index}-${step.name}`} className="process__step">
              <span className="process__number" aria-hidden="true">
                {index + 1}
              </span>
              <p className="process__text">
                <span className="visually-hidden">{t('page.step', { count: index + 1 })}</span>
                <span className="process__name">{step.name}</span>
                <span className="process__description">{step.description}</span>
              </p>
            </li>
          ))}
        </ol>
      </CollapsibleSection>
      {guide.specialSteps.length === 0 ? null : (
        <CollapsibleSection {...fold('specialSteps')}>
          <ul className="guide-list">
            {guide.specialSteps.map((step) => (
              <li key={step.name} className="guide-list__item guide-list__item--pair">
                <span className="guide-list__strong">{step.name}</span>
                <span>{t('page.specialDays', { count: step.days })}</span>
              </li>
            ))}
          </ul>
          <p className="guide-list__note">{t('page.specialNote')}</p>
        </CollapsibleSection>
      )}
      <CollapsibleSection {...fold('legalBasis')}>
        <ul className="guide-list guide-list--bullets">
          {guide.legalBasis.map((basis) => (
            <li key={`${basis.title}${basis.article ?? ''}`} className="guide-list__item">
              {basis.title}
              {basis.article ? ` ${basis.article}` : ''}
            </li>
          ))}
        </ul>
      </CollapsibleSection>
      <CollapsibleSection {...fold('more')}>
        <dl className="guide-more">
          <MoreRow label={t('page.implementingBody')} value={guide.implementingBody} />
          <MoreRow label={t('page.acceptingWindow')} value={guide.acceptingWindow} />
          <MoreRow label={t('page.category')} value={guide.queueCategoryName} />
          {guide.lifeEvents.length > 0 ? <MoreRow label={t('page.lifeEvents')} value={guide.lifeEvents.join('、')} /> : null}
          {guide.keywords.length > 0 ? <MoreRow label={t('page.keywords')} value={guide.keywords.join('、')} /> : null}
          <MoreRow label={t('page.code')} value={guide.code} />
        </dl>
      </CollapsibleSection>
    </div>
  );
}

function MoreRow({ label, value }: { readonly label: string; readonly value: string }): ReactNode {
  return (
    <div className="guide-more__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
