import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportTarget } from '../../electron/ipc/contract';
import { Icon } from '../components/icons';
import { Spinner } from '../components/spinner';
import { formatBytes } from './console-format';
import { type AdminInvoke, useAdminAction, useAdminQuery } from './console-hooks';
import { ErrorNote, PageHead } from './console-parts';

const loadTargets: AdminInvoke<{ readonly targets: readonly ExportTarget[] }> = (admin, token) => admin.exportTargets({ token });

/**
 * 诊断包: where to write it (USB sticks first, then the data folder), 导出, and where it went.
 * The data folder is sent as `targetDir: null`: the core picks its diagnostics/ folder.
 */
export function ConsoleDiagnosticsPage(): ReactNode {
  const { t } = useTranslation();
  const targets = useAdminQuery(loadTargets);
  const [chosen, setChosen] = useState<string | null>(null);
  const exported = useAdminAction((admin, token, target: ExportTarget) => admin.exportDiagnostics({ token, targetDir: target.isRemovable ? target.path : null }));
  const list = [...(targets.value?.targets ?? [])].sort((a, b) => Number(b.isRemovable) - Number(a.isRemovable));
  const target = list.find((item) => item.path === chosen) ?? list[0] ?? null;
  const isExporting = exported.phase === 'running';
  return (
    <section className="console-page" aria-labelledby="console-diagnostics-title" data-testid="console-diagnostics">
      <PageHead id="console-diagnostics-title" title={t('console.tabs.diagnostics')}>
        <button type="button" className="button button--secondary" disabled={isExporting} data-testid="console-export-reload" onClick={targets.reload}>
          <Icon name="rotate" />
          <span>{t('console.diagnostics.reloadTargets')}</span>
        </button>
      </PageHead>
      <p className="console-page__hint">{t('console.diagnostics.hint')}</p>
      <ErrorNote error={targets.error} testId="console-export-targets-error" />
      <h3 className="console-section-title" id="console-export-targets-title">
        {t('console.diagnostics.targets')}
      </h3>
      {targets.value && list.length === 0 ? <p className="console-page__empty">{t('console.diagnostics.noTargets')}</p> : null}
      <div className="console-targets" role="radiogroup" aria-labelledby="console-export-targets-title" data-testid="console-export-targets">
        {list.map((item, index) => (
          <button
            key={item.path}
            type="button"
            role="radio"
            aria-checked={item === target}
            className={`console-target${item === target ? ' console-target--on' : ''}`}
            disabled={isExporting}
            data-testid={`console-export-target-${index}`}
            onClick={() => {
              setChosen(item.path);
              exported.reset();
            }}
          >
            <Icon name={item.isRemovable ? 'link' : 'building'} />
            <span className="console-target__label">{item.label}</span>
            {item.isRemovable ? <span className="console-target__badge">{t('console.diagnostics.removable')}</span> : null}
            <span className="console-target__path">{item.path}</span>
          </button>
        ))}
      </div>
      <div className="console-form__actions">
        <button
          type="button"
          className="button button--primary button--wide"
          disabled={target === null || isExporting}
          data-testid="console-export"
          onClick={() => {
            if (target) exported.start(target);
          }}
        >
          {isExporting ? <Spinner /> : <Icon name="document" />}
          <span>{isExporting ? t('console.diagnostics.exporting') : t('console.diagnostics.export')}</span>
        </button>
      </div>
      <ErrorNote error={exported.error} testId="console-export-error" />
      {exported.value ? (
        <div className="console-note console-note--ok" role="status" data-testid="console-export-result">
          <Icon name="check" />
          <span className="console-note__text">
            {t('console.diagnostics.exported')}
            <span className="console-export__path" data-testid="console-export-path">
              {exported.value.path}
            </span>
            <span>{t('console.diagnostics.size', { size: formatBytes(exported.value.bytes) })}</span>
          </span>
        </div>
      ) : null}
    </section>
  );
}
