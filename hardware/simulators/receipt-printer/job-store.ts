/**
 * Writes simulated print jobs to a folder as `<n>.bin` (raw bytes), `<n>.txt` (decoded text)
 * and `<n>.svg` (preview), design.md §4. Numbers continue after the highest `<n>.bin` already
 * in the folder, so they keep increasing across simulator restarts. Writes are queued and
 * run one after another, off the protocol loop.
 */
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Paths of one written job. */
export interface JobFiles {
  readonly index: number;
  readonly bin: string;
  readonly txt: string;
  readonly svg: string;
}

/** Content of one job; `svg` may be computed lazily (QR rendering is async). */
export interface JobContent {
  readonly bytes: Uint8Array;
  readonly text: string;
  readonly svg: () => Promise<string>;
}

const JOB_FILE = /^(\d+)\.bin$/;

/** Highest job number in `dir` (0 when empty or missing). */
export async function highestJobNumber(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  let highest = 0;
  for (const name of names) {
    const match = JOB_FILE.exec(name);
    if (match?.[1] !== undefined) highest = Math.max(highest, Number(match[1]));
  }
  return highest;
}

export class JobStore {
  readonly dir: string;
  #next: number | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(dir: string) {
    this.dir = dir;
  }

  /**
   * Queues `content` for writing; resolves with its file paths once written. Rejects only on
   * file-system errors (folder not writable, disk full).
   */
  write(content: JobContent): Promise<JobFiles> {
    const written = this.#queue.then(() => this.#write(content));
    // Keep the queue going after a failed write; the caller sees the error through `written`.
    this.#queue = written.catch(() => undefined);
    return written;
  }

  /** Resolves once every queued write has finished. */
  async idle(): Promise<void> {
    await this.#queue;
  }

  async #write(content: JobContent): Promise<JobFiles> {
    await mkdir(this.dir, { recursive: true });
    this.#next ??= (await highestJobNumber(this.dir)) + 1;
    const index = this.#next;
    this.#next += 1;
    const base = path.join(this.dir, String(index));
    const files: JobFiles = { index, bin: `${base}.bin`, txt: `${base}.txt`, svg: `${base}.svg` };
    // .txt and .svg first: whoever watches for the .bin finds the set complete. Each file
    // appears whole (written aside, then renamed): a reader never sees an empty slip.
    await writeWhole(files.txt, content.text);
    await writeWhole(files.svg, await content.svg());
    await writeWhole(files.bin, content.bytes);
    return files;
  }
}

async function writeWhole(file: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${file}.partial`;
  await writeFile(temporary, data);
  await rename(temporary, file);
}
