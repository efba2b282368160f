import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type VoiceBackend, VoicePlayer, voiceUrl } from '../../renderer/components/speak.js';
import { LANGUAGES, RESOURCES } from '../../renderer/i18n/index.js';

const PUBLIC_DIR = path.resolve(import.meta.dirname, '../../renderer/public');
const VOICE_DIR = path.join(PUBLIC_DIR, 'voice');

/** Clips are their URLs; `finish()` ends the one playing. */
function fakeBackend(missing: readonly string[] = []) {
  const played: string[] = [];
  const stopped: string[] = [];
  let ending: (() => void) | null = null;
  const backend: VoiceBackend<string> = {
    load: (url) => Promise.resolve(missing.includes(url) ? null : url),
    play(clip, onEnded) {
      played.push(clip);
      ending = onEnded;
      return () => stopped.push(clip);
    },
  };
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { backend, played, stopped, finish: () => ending?.(), settle };
}

describe('voice prompts', () => {
  it('has a recording for every prompt in every language, saying the current copy', () => {
    const manifest = JSON.parse(readFileSync(path.join(VOICE_DIR, 'manifest.json'), 'utf8')) as Record<string, Record<string, string>>;
    for (const language of LANGUAGES) {
      for (const [key, text] of Object.entries(RESOURCES[language].translation.voice)) {
        expect(manifest[language]?.[key], `${language}/${key} was re-worded: run npm run voice`).toBe(text);
        const file = path.join(PUBLIC_DIR, voiceUrl(`voice.${key}` as Parameters<typeof voiceUrl>[0], language));
        expect(existsSync(file), file).toBe(true);
        expect(readFileSync(file).subarray(0, 4).toString('latin1')).toBe('OggS');
      }
    }
  });

  it('plays queued prompts in order and lets an interrupt cut in', async () => {
    const { backend, played, stopped, finish, settle } = fakeBackend();
    const player = new VoicePlayer(backend);
    player.say('a', 'interrupt');
    player.say('b', 'queue');
    await settle();
    expect(played).toEqual(['a']);
    finish();
    await settle();
    expect(played).toEqual(['a', 'b']);
    player.say('c', 'interrupt');
    await settle();
    expect(stopped).toEqual(['b']);
    expect(played).toEqual(['a', 'b', 'c']);
    finish();
    await settle();
    expect(player.isSpeaking).toBe(false);
  });

  it('skips a prompt that cannot be loaded and goes on', async () => {
    const { backend, played, settle } = fakeBackend(['broken']);
    const player = new VoicePlayer(backend);
    player.say('broken', 'interrupt');
    player.say('next', 'queue');
    await settle();
    await settle();
    expect(played).toEqual(['next']);
  });

  it('stops everything on stop()', async () => {
    const { backend, played, stopped, finish, settle } = fakeBackend();
    const player = new VoicePlayer(backend);
    player.say('a', 'interrupt');
    player.say('b', 'queue');
    await settle();
    player.stop();
    finish();
    await settle();
    expect(stopped).toEqual(['a']);
    expect(played).toEqual(['a']);
  });
});
