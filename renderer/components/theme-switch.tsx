import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTheme } from '../themes/theme-context';
import { THEMES, type Theme } from '../themes/theme';
import { Icon } from './icons';

/** Test ids of the options: `theme-standard`, `theme-care`, `theme-contrast`. */
export const THEME_TEST_IDS: Readonly<Record<Theme, string>> = {
  standard: 'theme-standard',
  careMode: 'theme-care',
  highContrast: 'theme-contrast',
};

/**
 * 显示模式, on every screen's header: one compact button that opens the three themes as
 * large choices, each drawn in its own colours so it can be recognised without reading.
 * A tap outside, Escape, or a choice closes it.
 */
export function ThemeSwitch(): ReactNode {
  const { t } = useTranslation();
  const { theme, setTheme } = useTheme();
  const [isOpen, setIsOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!isOpen) return undefined;
    const onPointerDown = (event: PointerEvent): void => {
      if (!(event.target instanceof Node) || !root.current?.contains(event.target)) setIsOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') setIsOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [isOpen]);

  return (
    <div className="theme-switch" ref={root}>
      <button
        type="button"
        className="button theme-switch__toggle"
        // The name stays when portrait screens show the icon only.
        aria-label={t('theme.switch')}
        aria-expanded={isOpen}
        aria-controls="theme-switch-options"
        data-testid="theme-switch"
        data-theme-current={theme}
        onClick={() => setIsOpen((open) => !open)}
      >
        <Icon name="contrast" />
        <span className="theme-switch__label">{t('theme.switch')}</span>
      </button>
      <div id="theme-switch-options" className="theme-switch__panel" role="group" aria-label={t('theme.switch')} hidden={!isOpen}>
        {THEMES.map((option) => (
          <button
            key={option}
            type="button"
            className={`theme-switch__option theme-switch__option--${option}`}
            aria-pressed={option === theme}
            data-testid={THEME_TEST_IDS[option]}
            onClick={() => {
              setTheme(option);
              setIsOpen(false);
            }}
          >
            <span className="theme-switch__sample" aria-hidden="true">
              {t('theme.sample')}
            </span>
            <span className="theme-switch__text">
              <span className="theme-switch__name">{t(`theme.${option}.name`)}</span>
              <span className="theme-switch__hint">{t(`theme.${option}.hint`)}</span>
            </span>
            {option === theme ? <Icon name="check" className="theme-switch__check" /> : null}
          </button>
        ))}
      </div>
    </div>
  );
}
