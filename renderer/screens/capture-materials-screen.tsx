import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaptureMaterialView, CapturePageView, SystemStatus } from '../../electron/ipc/contract';
import { useJpegUrl } from '../components/capture-stage';
import { Icon } from '../components/icons';
import { JourneyLayout } from '../components/journey-layout';
import { ScrollArea } from '../components/scroll-area';
import { canAddPage, canFinish, isComplete, usablePages } from '../flows/capture-types';
import { captureStepProps } from './capture-steps';

export interface CaptureMaterialsScreenProps {
  readonly status: SystemStatus;
  readonly itemName: string;
  readonly materials: readonly CaptureMaterialView[];
  readonly sharedMaterialNames: readonly string[];
  readonly onOpen: (materialId: string) => void;
  readonly onRecapture: (materialId: string) => void;
  readonly onFinish: () => void;
  readonly onHome: () => void;
}

/** 选择材料: each material with what has been taken of it, and 完成 once the required ones are there. */
export function CaptureMaterialsScreen({
  status,
  itemName,
  materials,
  sharedMaterialNames,
  onOpen,
  onRecapture,
  onFinish,
  onHome,
}: CaptureMaterialsScreenProps): ReactNode {
  const { t } = useTranslation();
  const isFinishable = canFinish(materials);
  return (
    <JourneyLayout status={status} onHome={onHome} {...captureStepProps(t, 'choose')} screen="capture-materials">
      <div className="capture-head">
        <h2 className="screen__title capture-head__title">{t('capture.materials.title')}</h2>
        <p className="capture-head__item">{t('capture.materials.item', { name: itemName })}</p>
      </div>
      {materials.length === 0 ? (
        <p className="notice notice__text" data-testid="capture-no-materials">
          {t('capture.materials.empty')}
        </p>
      ) : (
        <ScrollArea label={t('capture.materials.list')} testId="capture-material-list">
          <ul className="capture-materials">
            {materials.map((material) => (
              <MaterialRow key={material.materialId} material={material} onOpen={onOpen} onRecapture={onRecapture} />
            ))}
          </ul>
        </ScrollArea>
      )}
      <div className="journey-actions">
        <div className="capture-footer">
          {sharedMaterialNames.length > 0 ? (
            <p className="capture-shared" data-testid="capture-shared">
              <Icon name="info" className="capture-shared__icon" />
              <span>{t('capture.materials.shared', { names: sharedMaterialNames.join('、') })}</span>
            </p>
          ) : null}
          {isFinishable ? null : <p className="capture-finish-hint">{t('capture.materials.finishHint')}</p>}
        </div>
        <button
          type="button"
          className="button button--primary button--huge"
          disabled={!isFinishable}
          data-testid="capture-finish"
          onClick={onFinish}
        >
          <Icon name="check" />
          {t('capture.materials.finish')}
        </button>
      </div>
    </JourneyLayout>
  );
}

interface MaterialRowProps {
  readonly material: CaptureMaterialView;
  readonly onOpen: (materialId: string) => void;
  readonly onRecapture: (materialId: string) => void;
}

function MaterialRow({ material, onOpen, onRecapture }: MaterialRowProps): ReactNode {
  const { t } = useTranslation();
  const taken = material.pages.length;
  const missing = Math.max(material.minPages - usablePages(material), material.pageNames.length - taken, 0);
  const state = isComplete(material) ? 'complete' : taken > 0 ? 'partial' : 'none';
  return (
    <li className={`capture-material capture-material--${state}`} data-testid={`capture-material-${material.materialId}`} data-state={state}>
      <div className="capture-material__text">
        <p className="capture-material__name">
          <span>{material.name}</span>
          <span className={`badge badge--requirement badge--${material.requirement}`}>
            {t(`capture.materials.requirement.${material.requirement}`)}
          </span>
        </p>
        {material.condition ? <p className="capture-material__line">{t('capture.materials.condition', { condition: material.condition })}</p> : null}
        <p className="capture-material__line capture-material__progress">
          {state === 'complete' ? <Icon name="check" className="capture-material__done" /> : null}
          <span>{taken === 0 ? t('capture.materials.none') : t('capture.materials.taken', { count: taken })}</span>
          {state === 'complete' ? <span>{t('capture.materials.complete')}</span> : null}
          {state === 'partial' && missing > 0 ? <span>{t('capture.materials.needMore', { count: missing })}</span> : null}
        </p>
      </div>
      {taken > 0 ? (
        <ul className="capture-material__thumbs" aria-label={t('capture.materials.thumbnails')}>
          {material.pages.slice(0, 3).map((page) => (
            <Thumbnail key={page.pageId} page={page} />
          ))}
        </ul>
      ) : null}
      <div className="capture-material__actions">
        {taken > 0 ? (
          <button
            type="button"
            className="button button--secondary"
            data-testid={`capture-recapture-${material.materialId}`}
            onClick={() => onRecapture(material.materialId)}
          >
            {t('capture.materials.recapture')}
          </button>
        ) : null}
        {canAddPage(material) ? (
          <button
            type="button"
            className={`button ${state === 'complete' ? 'button--secondary' : 'button--primary'}`}
            data-testid={`capture-open-${material.materialId}`}
            onClick={() => onOpen(material.materialId)}
          >
            <Icon name="camera" />
            {taken === 0 || state === 'partial' ? t('capture.materials.shoot') : t('capture.materials.addPage')}
          </button>
        ) : null}
      </div>
    </li>
  );
}

function Thumbnail({ page }: { readonly page: CapturePageView }): ReactNode {
  const url = useJpegUrl(page.thumbnail);
  return (
    <li className={`capture-thumb${page.isUsable ? '' : ' capture-thumb--blocked'}`}>
      {url ? <img className="capture-thumb__image" src={url} alt="" draggable={false} /> : null}
      {page.isUsable ? null : <Icon name="alert" className="capture-thumb__alert" />}
    </li>
  );
}
