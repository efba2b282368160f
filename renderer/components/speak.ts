/**
 * Voice prompts (design.md §6): screens call `speak` with the key of the sentence to say, in
 * the current language. Prompts are short recordings in `voice/<language>/<key>.ogg` (made by
 * `npm run voice`, replaceable by studio recordings), fetched and played through Web Audio:
 * fetch is covered by `connect-src 'self'`, so the CSP of R-E3 needs no `media-src`.
 */
import { useEffect } from 'react';
import type { Language } from '../i18n';

export type VoiceKey =
  | 'voice.chooseCategory'
  | 'voice.ticketIssued'
  | 'voice.printFailed'
  | 'voice.idleWarning'
  | 'voice.placeCard'
  | 'voice.placeAgentCard'
  | 'voice.confirmIdentity'
  | 'voice.ticketExisting'
  | 'voice.takeCard'
  | 'voice.guideHome'
  | 'voice.guideSearch'
  | 'voice.checklistPrinted'
  | 'voice.guidePrinted'
  | 'voice.guidePrintFailed'
  | 'voice.scanCode'
  | 'voice.evaluate'
  | 'voice.evaluationThanks';

/** `interrupt` cuts off whatever is being said; `queue` waits for it to finish. */
export type SpeakMode = 'interrupt' | 'queue';

/** How clips are loaded and played; Web Audio in the kiosk, a fake in tests. */
export interface VoiceBackend<Clip> {
  /** Resolves to null when the clip cannot be loaded or decoded (the prompt is skipped). */
  load(url: string): Promise<Clip | null>;
  /** Starts playing; calls `onEnded` when done; returns a function that stops it early. */
  play(clip: Clip, onEnded: () => void): () => void;
}

/** One voice: a prompt at a time, later ones queued or cutting in, clips cached by URL. */
export class VoicePlayer<Clip> {
  readonly #backend: VoiceBackend<Clip>;
  readonly #cache = new Map<string, Promise<Clip | null>>();
  #queue: string[] = [];
  #stopCurrent: (() => void) | null = null;
  /** Bumped on every interrupt, so a clip still loading for an old prompt is dropped. */
  #generation = 0;

  constructor(backend: VoiceBackend<Clip>) {
    this.#backend = backend;
  }

  get isSpeaking(): boolean {
    return this.#stopCurrent !== null;
  }

  say(url: string, mode: SpeakMode): void {
    if (mode === 'interrupt') this.stop();
    this.#queue.push(url);
    if (this.#stopCurrent === null && this.#queue.length === 1) void this.#next(this.#generation);
  }

  stop(): void {
    this.#generation += 1;
    this.#queue = [];
    const stop = this.#stopCurrent;
    this.#stopCurrent = null;
    stop?.();
  }

  async #next(generation: number): Promise<void> {
    const url = this.#queue[0];
    if (url === undefined) return;
    let clip = this.#cache.get(url);
    if (clip === undefined) {
      clip = this.#backend.load(url);
      this.#cache.set(url, clip);
    }
    const loaded = await clip;
    if (generation !== this.#generation) return;
    const advance = (): void => {
      if (generation !== this.#generation) return;
      this.#stopCurrent = null;
      this.#queue.shift();
      void this.#next(generation);
    };
    if (loaded === null) {
      advance();
      return;
    }
    this.#stopCurrent = this.#backend.play(loaded, advance);
  }
}

/** Web Audio backend: decodes with an AudioContext resumed on demand (kiosk autoplay). */
export function webAudioBackend(): VoiceBackend<AudioBuffer> {
  let context: AudioContext | null = null;
  const audio = (): AudioContext => {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    return context;
  };
  return {
    async load(url) {
      try {
        const response = await fetch(url);
        if (!response.ok) return null;
        return await audio().decodeAudioData(await response.arrayBuffer());
      } catch {
        return null;
      }
    },
    play(clip, onEnded) {
      const source = audio().createBufferSource();
      source.buffer = clip;
      source.connect(audio().destination);
      source.onended = onEnded;
      source.start();
      return () => {
        source.onended = null;
        source.stop();
      };
    },
  };
}

let player: VoicePlayer<unknown> | null = null;
let language: Language = 'zh-CN';

/** Called once at start with the kiosk's backend; before that (and in tests) nothing speaks. */
export function installVoice(backend: VoiceBackend<unknown>): void {
  player = new VoicePlayer(backend);
}

/** Prompts follow the screen language. */
export function setVoiceLanguage(next: Language): void {
  language = next;
}

export function voiceUrl(textKey: VoiceKey, lang: Language): string {
  return `./voice/${lang}/${textKey.replace(/^voice\./u, '')}.ogg`;
}

export function speak(textKey: VoiceKey, mode: SpeakMode = 'interrupt'): void {
  player?.say(voiceUrl(textKey, language), mode);
}

/** Silences the voice (session wiped, screen left). */
export function stopSpeaking(): void {
  player?.stop();
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
