import { type KeyboardEvent, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useKiosk } from '../api/kiosk-context';
import {
  type ConsoleKey,
  type ConsoleLayout,
  type TextDraft,
  chooseConsoleCandidate,
  draftValue,
  finishDraft,
  pressConsoleKey,
  startDraft,
  typeConsoleText,
} from '../flows/console-text';
import { ConsoleKeyboard } from './console-keyboard';
import { Icon } from './icons';
import { ALLOW_ATTRIBUTE, ALLOW_VALUE } from './scan-guard';

export interface ConsoleFieldProps {
  readonly label: string;
  readonly value: string;
  readonly placeholder?: string;
  /** The field's test id; its editor's parts are `console-editor-*`. */
  readonly testId: string;
  /** The keyboard layouts offered, the first shown first. */
  readonly layouts: readonly ConsoleLayout[];
  /** Latin letters start in capitals (terminal ids). */
  readonly isUpper?: boolean;
  readonly maxLength: number;
  /** What is wrong with the value, shown under it. */
  readonly problem?: string | null;
  readonly isDisabled?: boolean;
  readonly onChange: (value: string) => void;
}

/**
 * A technician's text field: the value on a big button; a tap opens an editor with the
 * console keyboard over the screen. A hardware keyboard types into the editor's input,
 * which the scanner guard lets through (`data-physical-keys="allow"`); Enter keeps the
 * value, Escape drops it.
 */
export function ConsoleField({ label, value, placeholder, testId, layouts, isUpper = false, maxLength, problem = null, isDisabled = false, onChange }: ConsoleFieldProps): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const [isEditing, setIsEditing] = useState(false);
  return (
    <div className={`console-field${problem ? ' console-field--problem' : ''}`}>
      <span id={`${id}-label`} className="console-field__label">
        {label}
      </span>
      <button
        type="button"
        className="console-field__value"
        aria-labelledby={`${id}-label ${id}-value`}
        disabled={isDisabled}
        data-testid={testId}
        data-value={value}
        onClick={() => setIsEditing(true)}
      >
        <span id={`${id}-value`} className={value === '' ? 'console-field__placeholder' : undefined}>
          {value === '' ? (placeholder ?? t('console.field.empty')) : value}
        </span>
        <Icon name="keyboard" />
      </button>
      {problem ? (
        <p className="console-field__problem" role="alert">
          {problem}
        </p>
      ) : null}
      {isEditing ? (
        <FieldEditor
          label={label}
          initial={startDraft(value, layouts[0] ?? 'latin', isUpper)}
          layouts={layouts}
          maxLength={maxLength}
          onDone={(next) => {
            setIsEditing(false);
            onChange(next);
          }}
          onCancel={() => setIsEditing(false)}
        />
      ) : null}
    </div>
  );
}

interface FieldEditorProps {
  readonly label: string;
  readonly initial: TextDraft;
  readonly layouts: readonly ConsoleLayout[];
  readonly maxLength: number;
  readonly onDone: (value: string) => void;
  readonly onCancel: () => void;
}

function FieldEditor({ label, initial, layouts, maxLength, onDone, onCancel }: FieldEditorProps): ReactNode {
  const { t } = useTranslation();
  const kiosk = useKiosk();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(initial);
  const [candidates, setCandidates] = useState<{ readonly of: string; readonly words: readonly string[] }>({ of: '', words: [] });
  useEffect(() => {
    input.current?.focus({ preventScroll: true });
  }, []);
  // Candidate words for the pinyin typed, from the core's dictionary (the catalogue's).
  const { composition } = draft;
  useEffect(() => {
    if (composition === '') return undefined;
    let isCurrent = true;
    kiosk.catalogue
      .candidates({ pinyin: composition, limit: 8 })
      .then((result) => {
        if (isCurrent) setCandidates({ of: composition, words: result.ok ? result.value.candidates : [] });
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [kiosk, composition]);
  const words = candidates.of === composition ? candidates.words : [];

  const onKey = (key: ConsoleKey): void => setDraft((current) => pressConsoleKey(current, key, maxLength, words[0] ?? null));
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter') onDone(finishDraft(draft));
    else if (event.key === 'Escape') onCancel();
    else return;
    event.preventDefault();
  };
  return (
    <div className="overlay console-editor" role="presentation">
      <div className="console-editor__dialog" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`} data-testid="console-editor">
        <h2 id={`${id}-title`} className="console-editor__title">
          {t('console.field.editor', { field: label })}
        </h2>
        <input
          ref={input}
          className="console-editor__input"
          type="text"
          // No system keyboard over ours; a hardware keyboard still types here.
          inputMode="none"
          autoComplete="off"
          autoCorrect="off"
          spellCheck={false}
          maxLength={maxLength}
          aria-labelledby={`${id}-title`}
          value={draftValue(draft)}
          data-testid="console-editor-input"
          {...{ [ALLOW_ATTRIBUTE]: ALLOW_VALUE }}
          onChange={(event) => setDraft((current) => typeConsoleText(current, event.target.value, maxLength))}
          onKeyDown={onKeyDown}
        />
        <ConsoleKeyboard draft={draft} allows={layouts} candidates={words} onKey={onKey} onCandidate={(word) => setDraft((current) => chooseConsoleCandidate(current, word, maxLength))} />
        <div className="console-editor__actions">
          <button type="button" className="button button--secondary" data-testid="console-editor-cancel" onClick={onCancel}>
            {t('console.field.cancel')}
          </button>
          <button type="button" className="button button--primary" data-testid="console-editor-done" onClick={() => onDone(finishDraft(draft))}>
            {t('console.field.done')}
          </button>
        </div>
      </div>
    </div>
  );
}
