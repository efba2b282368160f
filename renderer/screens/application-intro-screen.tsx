import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationBegun, ApplicationMaterialView, SystemStatus } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { ScrollArea } from '../components/scroll-area';
import { applicationStepProps } from './application-steps';

export interface ApplicationIntroScreenProps {
  readonly status: SystemStatus;
  readonly begun: ApplicationBegun;
  readonly onStart: (hasAgent: boolean) => void;
  readonly onHome: () => void;
}

/** How a material will be provided, as the 须知 says it in a word. */
function howText(t: TFunction, material: ApplicationMaterialView): string {
  if (material.choices.includes('shared')) return t('application.intro.how.shared');
  if (material.requirement === 'deferrable') return t('application.intro.how.deferrable');
  if (material.requirement === 'conditional') return t('application.intro.how.conditional');
  return t('application.intro.how.capture');
}

/**
 * 申办须知: the item, what it takes (cards, materials, the form, a commitment), how long
 * and how the result comes, then 本人办理 or 代他人办理 (only where the item allows it).
 */
export function ApplicationIntroScreen({ status, begun, onStart, onHome }: ApplicationIntroScreenProps): ReactNode {
  const { t } = useTranslation();
  const shared = begun.materials.filter((material) => material.choices.includes('shared')).length;
  return (
    <JourneyLayout status={status} onHome={onHome} {...applicationStepProps(t, begun, 'intro')} screen="application-intro">
      <header className="application-head">
        <h2 className="application-head__name" data-testid="application-item-name">
          {begun.itemName}
        </h2>
        <p className="application-head__meta">{begun.departmentName}</p>
      </header>
      <div className="application-intro">
        <section className="application-intro__facts" aria-label={t('application.intro.title')}>
          <p className="application-fact">
            <Icon name="clock" />
            <span data-testid="application-promised">
              {begun.promisedDays === 0 ? t('application.intro.promisedInstant') : t('application.intro.promised', { count: begun.promisedDays })}
            </span>
          </p>
          <p className="application-fact" data-testid="application-commitment-fact" data-commitment={begun.commitment !== null}>
            <Icon name={begun.commitment ? 'document' : 'info'} />
            <span>{begun.commitment ? t('application.intro.commitment') : t('application.intro.noCommitment')}</span>
          </p>
          <p className="application-fact">
            <Icon name="location" />
            <span>{t('application.intro.collection', { method: begun.collectionMethod })}</span>
          </p>
          <h3 className="application-section__title">{t('application.intro.needTitle')}</h3>
          <ol className="application-needs">
            <li>{begun.allowsAgent ? t('application.intro.needCard') : t('application.intro.needCardSelf')}</li>
            <li>{t('application.intro.materialCount', { count: begun.materials.length, shared })}</li>
            <li>{t('application.intro.needForm', { count: begun.fields.length })}</li>
            {begun.commitment ? <li>{t('application.intro.needSign')}</li> : null}
          </ol>
        </section>
        <section className="application-intro__materials" aria-labelledby="application-intro-materials">
          <h3 id="application-intro-materials" className="application-section__title">
            {t('application.intro.materials')}
          </h3>
          <ScrollArea label={t('application.intro.materials')} testId="application-intro-materials">
            <ul className="application-intro__list">
              {begun.materials.map((material) => (
                <li key={material.materialId} className="application-intro__material" data-testid={`application-intro-material-${material.materialId}`}>
                  <span className="application-intro__material-name">{material.name}</span>
                  <span className={`badge application-how application-how--${material.choices.includes('shared') ? 'shared' : material.requirement}`}>
                    {howText(t, material)}
                  </span>
                </li>
              ))}
            </ul>
          </ScrollArea>
        </section>
      </div>
      <div className="journey-actions">
        {begun.allowsAgent ? null : <p className="application-note">{t('application.intro.selfOnly')}</p>}
        <span className="journey-actions__spacer" />
        {begun.allowsAgent ? (
          <button type="button" className="button button--secondary button--huge" data-testid="application-start-agent" onClick={() => onStart(true)}>
            <Icon name="people" />
            <span className="button__stack">
              <span>{t('application.intro.agent')}</span>
              <span className="button__note">{t('application.intro.agentHint')}</span>
            </span>
          </button>
        ) : null}
        <button type="button" className="button button--primary button--huge" data-testid="application-start-self" onClick={() => onStart(false)}>
          <Icon name="idCard" />
          {begun.allowsAgent ? (
            <span className="button__stack">
              <span>{t('application.intro.self')}</span>
              <span className="button__note">{t('application.intro.selfHint')}</span>
            </span>
          ) : (
            <span>{t('application.intro.start')}</span>
          )}
        </button>
      </div>
    </JourneyLayout>
  );
}
