import { type MouseEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KEYBOARD_ROWS, type KeyboardKey, type KeyboardLayout, candidatePages, isDigitKey, isLetterKey } from '../flows/search-input';
import { Icon, type IconName } from './icons';

/*
 * Our own keyboard rather than simple-keyboard: that library draws its keys as <div>s
 * without a role (not buttons: no focus, nothing for a screen reader or axe), writes key
 * labels and candidate lists with innerHTML (candidates come from the catalogue, so that
 * would be markup from data; R-E3 wants none), owns its DOM outside React, and its
 * candidate box only knows fixed layout lists, not words from the core. It injects no
 * <style>, so CSP alone would not have ruled it out.
 */

export interface OnscreenKeyboardProps {
  readonly layout: KeyboardLayout;
  /** Pinyin typed and not yet turned into a word. */
  readonly composition: string;
  /** Words for the composition, best first (catalogue.candidates). */
  readonly candidates: readonly string[];
  /** Room for candidates in the row, in characters (less in 关怀模式; candidatePages). */
  readonly candidateBudget: number;
  readonly onKey: (key: KeyboardKey) => void;
  readonly onCandidate: (candidate: string) => void;
}

const CONTROL_ICONS: Partial<Record<KeyboardKey, IconName>> = {
  backspace: 'backspace',
  close: 'keyboard',
};

/** Keeps the focus in the search field, so a hardware keyboard goes on typing there. */
function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}

/**
 * The on-screen keyboard: QWERTY letters for pinyin with a composition row and candidate
 * words above them, a digit pad, 退格, 清空, 空格 and 关闭. Keys are real buttons of at least
 * 72 px (96 px in 关怀模式, keyboard.css).
 */
export function OnscreenKeyboard({
  layout,
  composition,
  candidates,
  candidateBudget,
  onKey,
  onCandidate,
}: OnscreenKeyboardProps): ReactNode {
  const { t } = useTranslation();
  // Back to the first candidates whenever the list changes.
  const [paging, setPaging] = useState({ of: candidates, page: 0 });
  const pages = candidatePages(candidates, candidateBudget);
  const pageIndex = Math.min(paging.of === candidates ? paging.page : 0, Math.max(0, pages.length - 1));
  const shown = pages[pageIndex] ?? { start: 0, words: [] };
  const turnTo = (page: number): void => setPaging({ of: candidates, page });

  const labelOf = (key: KeyboardKey): string => {
    if (isLetterKey(key)) return key.toUpperCase();
    if (isDigitKey(key)) return key;
    return t(`keyboard.${key}`);
  };

  return (
    <section className={`keyboard keyboard--${layout}`} aria-label={t('keyboard.label')} data-testid="keyboard" data-layout={layout}>
      <div className="keyboard__composition-row">
        {composition === '' ? null : (
          <p className="keyboard__composition" data-testid="keyboard-composition">
            <span className="visually-hidden">{t('keyboard.composition')}</span>
            <span lang="zh-Latn-pinyin">{composition}</span>
          </p>
        )}
        {composition !== '' && candidates.length === 0 ? <p className="keyboard__hint">{t('keyboard.noCandidates')}</p> : null}
        {candidates.length > 0 ? (
          <ul className="keyboard__candidates" aria-label={t('keyboard.candidates')}>
            {shown.words.map((candidate, index) => {
              const absolute = shown.start + index;
              return (
                <li key={`${absolute}-${candidate}`}>
                  <button
                    type="button"
                    className="keyboard__candidate"
                    lang="zh-CN"
                    data-testid={`keyboard-candidate-${absolute}`}
                    onMouseDown={keepFocus}
                    onClick={() => onCandidate(candidate)}
                  >
                    {candidate}
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
        {pages.length > 1 ? (
          <div className="keyboard__candidate-pages">
            <button
              type="button"
              className="keyboard__more"
              aria-label={t('keyboard.prevCandidates')}
              disabled={pageIndex === 0}
              data-testid="keyboard-candidates-prev"
              onMouseDown={keepFocus}
              onClick={() => turnTo(pageIndex - 1)}
            >
              <Icon name="chevronLeft" />
            </button>
            <button
              type="button"
              className="keyboard__more"
              aria-label={t('keyboard.nextCandidates')}
              disabled={pageIndex >= pages.length - 1}
              data-testid="keyboard-candidates-next"
              onMouseDown={keepFocus}
              onClick={() => turnTo(pageIndex + 1)}
            >
              <Icon name="chevronRight" />
            </button>
          </div>
        ) : null}
      </div>
      <div className="keyboard__rows">
        {KEYBOARD_ROWS[layout].map((row, rowIndex) => (
          <div key={rowIndex} className="keyboard__row">
            {row.map((key) => {
              const icon = CONTROL_ICONS[key];
              return (
                <button
                  key={key}
                  type="button"
                  className={`keyboard__key keyboard__key--${isLetterKey(key) || isDigitKey(key) ? 'char' : key}`}
                  data-testid={`keyboard-key-${key}`}
                  onMouseDown={keepFocus}
                  onClick={() => onKey(key)}
                >
                  {icon ? <Icon name={icon} /> : null}
                  <span>{labelOf(key)}</span>
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </section>
  );
}
