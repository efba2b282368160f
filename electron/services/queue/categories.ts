/**
 * Queue categories (业务类别) from `assets/queue-categories.json`, validated at load: unique
 * ids, unique one-letter prefixes, Chinese names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { type Result, err, ok } from '../../../hardware/result.js';

export const CATEGORIES_FILE = 'queue-categories.json';

const categorySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9-]{0,31}$/u),
    name: z.string().trim().min(1).max(16),
    prefix: z.string().regex(/^[A-Z]$/u, 'one capital letter'),
    description: z.string().max(40).default(''),
  })
  .strict();

const categoriesFileSchema = z
  .object({ version: z.literal(1), categories: z.array(categorySchema).min(1).max(26) })
  .strict()
  .superRefine((file, ctx) => {
    const seen = { id: new Set<string>(), prefix: new Set<string>() };
    file.categories.forEach((category, index) => {
      for (const key of ['id', 'prefix'] as const) {
        if (seen[key].has(category[key])) {
          ctx.addIssue({ code: 'custom', path: ['categories', index, key], message: `duplicate ${key} "${category[key]}"` });
        }
        seen[key].add(category[key]);
      }
    });
  });

export type QueueCategoryDefinition = z.infer<typeof categorySchema>;

export function loadQueueCategories(assetsDir: string): Result<readonly QueueCategoryDefinition[], string> {
  const file = path.join(assetsDir, CATEGORIES_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = categoriesFileSchema.safeParse(json);
  if (!parsed.success) {
    return err(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return ok(parsed.data.categories);
}
