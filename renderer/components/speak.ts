/**
 * Voice prompts (design.md §6) hook in here: screens call `speak` with the key of the sentence
 * to say, in the current language. Nothing is spoken yet.
 */
import { useEffect } from 'react';

export type VoiceKey = 'voice.chooseCategory' | 'voice.ticketIssued' | 'voice.printFailed' | 'voice.idleWarning';

// TODO(#3): speak through the core's audio service (or speechSynthesis where the host allows
// it), cut off the previous prompt, and honour a volume/mute setting from the configuration.
export function speak(textKey: VoiceKey): void {
  void textKey;
}

/** Speaks `textKey` once when the calling screen appears. */
export function useSpeakOnShow(textKey: VoiceKey): void {
  useEffect(() => {
    speak(textKey);
  }, [textKey]);
}
