/**
 * `npm run voice`: renders the voice prompts (renderer/i18n `voice.*`) to Ogg Vorbis files with
 * espeak-ng (Debian `espeak-ng`, offline), 16 kHz mono, into renderer/public/voice/<lang>/,
 * plus a manifest of the texts they say. A unit test compares the manifest with the copy, so
 * changed wording without new recordings fails the suite. Replace the files with studio
 * recordings for a deployment: the player only needs `<key>.ogg` per language.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LANGUAGES, type Language, RESOURCES } from '../renderer/i18n/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
export const VOICE_DIR = path.join(ROOT, 'renderer', 'public', 'voice');
const ESPEAK_VOICE: Record<Language, string> = { 'zh-CN': 'cmn', en: 'en-us' };
const WORDS_PER_MINUTE = 165;

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.error !== undefined || result.status !== 0) {
    const reason = result.error?.message ?? result.stderr.toString('utf8');
    throw new Error(`${command} failed: ${reason.trim()} (apt-get install -y espeak-ng sox)`);
  }
}

const manifest: Record<string, Record<string, string>> = {};
const temp = mkdtempSync(path.join(os.tmpdir(), 'kiosk-voice-'));
try {
  for (const language of LANGUAGES) {
    const prompts = RESOURCES[language].translation.voice;
    const dir = path.join(VOICE_DIR, language);
    mkdirSync(dir, { recursive: true });
    manifest[language] = {};
    for (const [key, text] of Object.entries(prompts)) {
      const raw = path.join(temp, `${key}.wav`);
      run('espeak-ng', ['-v', ESPEAK_VOICE[language], '-s', String(WORDS_PER_MINUTE), '-w', raw, text]);
      run('sox', [raw, '-r', '16000', '-c', '1', '-C', '2', path.join(dir, `${key}.ogg`)]);
      manifest[language][key] = text;
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
writeFileSync(path.join(VOICE_DIR, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`voice prompts written to ${path.relative(ROOT, VOICE_DIR)}\n`);
