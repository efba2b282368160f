import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type ConsoleKey, type ConsoleLayout, SYMBOLS, type TextDraft, consoleRows, isDigit, isLetter, isSymbol } from '../flows/console-text';
import { Icon } from './icons';

export interface ConsoleKeyboardProps {
  readonly draft: TextDraft;
  /** The layouts the field offers; switch keys appear for the others. */
  readonly allows: readonly ConsoleLayout[];
  /** Words for the pinyin being typed, best first (at most one row is shown). */
  readonly candidates: readonly string[];
  readonly onKey: (key: ConsoleKey) => void;
  readonly onCandidate: (word: string) => void;
}

/** Keeps the focus in the field, so a hardware keyboard goes on typing there. */
function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}

/** At most this many candidates: one row, no paging (names are short, the first usually right). */
const CANDIDATE_ROW = 8;

/**
 * The console's on-screen keyboard: pinyin with candidates, Latin letters with 大写, and
 * digits with the symbols of paths and addresses. Styled as the citizen keyboard
 * (keyboard.css); keys are real buttons and produce no DOM key events.
 */
export function ConsoleKeyboard({ draft, allows, candidates, onKey, onCandidate }: ConsoleKeyboardProps): ReactNode {
  const { t } = useTranslation();
  const labelOf = (key: ConsoleKey): string => {
    if (isLetter(key)) return draft.layout === 'latin' && draft.isUpper ? key.toUpperCase() : key;
    if (isDigit(key)) return key;
    if (isSymbol(key)) return SYMBOLS[key];
    if (key === 'backspace' || key === 'clear' || key === 'space') return t(`keyboard.${key}`);
    return t(`console.keyboard.${key}`);
  };
  const classOf = (key: ConsoleKey): string => {
    if (isLetter(key) || isDigit(key) || isSymbol(key)) return 'char';
    return key === 'toPinyin' || key === 'toLatin' || key === 'toSymbols' ? 'pinyin' : key === 'shift' ? 'clear' : key;
  };
  return (
    <section className={`keyboard console-keyboard keyboard--${draft.layout === 'digits' ? 'digits' : 'pinyin'}`} aria-label={t('keyboard.label')} data-testid="console-keyboard" data-layout={draft.layout}>
      {draft.layout === 'pinyin' ? (
        <div className="keyboard__composition-row">
          {draft.composition === '' ? null : (
            <p className="keyboard__composition" data-testid="console-keyboard-composition">
              <span className="visually-hidden">{t('keyboard.composition')}</span>
              <span lang="zh-Latn-pinyin">{draft.composition}</span>
            </p>
          )}
          {candidates.length > 0 ? (
            <ul className="keyboard__candidates" aria-label={t('keyboard.candidates')}>
              {candidates.slice(0, CANDIDATE_ROW).map((word, index) => (
                <li key={`${index}-${word}`}>
                  <button type="button" className="keyboard__candidate" lang="zh-CN" data-testid={`console-candidate-${index}`} onMouseDown={keepFocus} onClick={() => onCandidate(word)}>
                    {word}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <div className="keyboard__rows">
        {consoleRows(draft.layout, allows).map((row, index) => (
          <div key={index} className="keyboard__row">
            {row.map((key) => (
              <button
                key={key}
                type="button"
                className={`keyboard__key keyboard__key--${classOf(key)}${key === 'shift' && draft.isUpper ? ' console-keyboard__shift--on' : ''}`}
                aria-pressed={key === 'shift' ? draft.isUpper : undefined}
                data-testid={`console-key-${key}`}
                onMouseDown={keepFocus}
                onClick={() => onKey(key)}
              >
                {key === 'backspace' ? <Icon name="backspace" /> : null}
                <span>{labelOf(key)}</span>
              </button>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}
