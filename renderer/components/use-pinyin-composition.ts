import { useEffect, useEffectEvent, useState } from 'react';
import type { KeyboardKey, KeyboardLayout } from '../flows/search-input';
import { type TextEntry, chooseTextCandidate, finishText, pressTextKey, withLetters } from '../flows/form-input';

export interface PinyinCompositionOptions {
  /** The committed text, owned by the caller. */
  readonly text: string;
  readonly maxLength: number;
  /** The committed text changed (a key, a candidate). */
  readonly onText: (text: string) => void;
  /** Candidate words for pinyin, best first; a failure counts as none. */
  readonly candidates: (pinyin: string) => Promise<readonly string[]>;
}

export interface PinyinComposition {
  readonly composition: string;
  readonly layout: KeyboardLayout;
  /** For the keyboard's candidate row: the core's words, then the letters as typed. */
  readonly words: readonly string[];
  readonly onKey: (key: KeyboardKey) => void;
  readonly onCandidate: (word: string) => void;
  /**
   * The field is left: any pinyin is kept as typed and the keyboard starts over in pinyin.
   * Returns the text to keep.
   */
  readonly finish: () => string;
}

/**
 * The pinyin being typed into one text field on the OnscreenKeyboard, for a field whose value
 * lives elsewhere (the form's values): the composition and layout are kept here, candidate
 * words fetched as the pinyin changes (only the answer for the current pinyin is shown).
 * Keys and candidates go through the pure functions of form-input.ts.
 */
export function usePinyinComposition({ text, maxLength, onText, candidates }: PinyinCompositionOptions): PinyinComposition {
  const [state, setState] = useState<{ readonly composition: string; readonly layout: KeyboardLayout }>({ composition: '', layout: 'pinyin' });
  const [found, setFound] = useState<{ readonly of: string; readonly words: readonly string[] }>({ of: '', words: [] });
  const { composition, layout } = state;
  // The caller may pass a new function on every render: only the pinyin asks again.
  const lookUp = useEffectEvent((pinyin: string) => candidates(pinyin));
  useEffect(() => {
    if (composition === '') return undefined;
    let isCurrent = true;
    lookUp(composition)
      .catch((): readonly string[] => [])
      .then((words) => {
        if (isCurrent) setFound({ of: composition, words });
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [composition]);

  const words = withLetters(found.of === composition ? found.words : [], composition);
  const apply = (next: TextEntry): void => {
    setState({ composition: next.composition, layout: next.layout });
    if (next.text !== text) onText(next.text);
  };
  const entry: TextEntry = { text, composition, layout };
  return {
    composition,
    layout,
    words,
    onKey: (key) => apply(pressTextKey(entry, key, maxLength, words[0] ?? null)),
    onCandidate: (word) => apply(chooseTextCandidate(entry, word, maxLength)),
    finish: () => {
      setState({ composition: '', layout: 'pinyin' });
      return finishText(entry, maxLength);
    },
  };
}
