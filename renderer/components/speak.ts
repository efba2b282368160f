/**
 * Voice prompts (design.md §6) hook in here: screens call `speak` with the key of the sentence
 * to say, in the current language. Nothing is spoken yet.
 */
import { useEffect } from 'react';

export type VoiceKey =
  | 'voice.chooseCategory'
  | 'voice.ticketIssued'
  | 'voice.printFailed'
  | 'voice.idleWarning'
  | 'voice.placeCard'
  | 'voice.confirmIdentity'
  | 'voice.ticketExisting'
  | 'voice.takeCard';

/** `interrupt` cuts off whatever is being said; `queue` waits for it to finish. */
export type SpeakMode = 'interrupt' | 'queue';

// TODO(#3): speak through the core's audio service (or speechSynthesis where the host allows
// it), cut off the previous prompt unless queued, and honour a volume/mute setting from the
// configuration.
export function speak(textKey: VoiceKey, mode: SpeakMode = 'interrupt'): void {
  void textKey;
  void mode;
}

/**
 * Speaks the keys once, in order, when the calling screen appears: the first cuts off the
 * previous screen's prompt, the others are queued after it (e.g. the ticket, then 请取回身份证).
 */
export function useSpeakOnShow(...textKeys: readonly VoiceKey[]): void {
  const sentence = textKeys.join(' ');
  useEffect(() => {
    if (sentence === '') return;
    sentence.split(' ').forEach((key, index) => speak(key as VoiceKey, index === 0 ? 'interrupt' : 'queue'));
  }, [sentence]);
}
