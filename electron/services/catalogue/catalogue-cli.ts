/**
 * `npm run doctor -- catalog [file] [--json]`: validates a catalogue file (default: the
 * bundled one) and prints item and department counts, or every problem with item and field.
 * Exit 0 valid, 1 invalid, 2 usage (file unreadable).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type DoctorCommand, UsageError } from '../../../hardware/cli/doctor.js';
import { loadQueueCategories } from '../queue/categories.js';
import { BUNDLED_CATALOGUE, parseCatalogue } from './catalogue-service.js';

const ASSETS_DIR = path.resolve(import.meta.dirname, '../../../assets');

export const CATALOG_COMMAND: DoctorCommand = {
  usage: 'catalog [file] [--json]',
  summary: 'validate a service catalogue file; counts or every error',
  help: [
    'Validates a catalogue (default: assets/catalogue/catalogue.json) against the schema and the',
    'queue categories, and prints item and department counts — or every problem, naming the item',
    'code and the field. --json prints {valid, items, departments, perDepartment, problems}.',
  ],
  run(args, io) {
    const isJson = args.includes('--json');
    const files = args.filter((a) => a !== '--json');
    if (files.length > 1) throw new UsageError('catalog: give at most one file');
    const file = path.resolve(files[0] ?? path.join(ASSETS_DIR, BUNDLED_CATALOGUE));
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`catalog: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const categories = loadQueueCategories(ASSETS_DIR);
    const categoryIds = categories.ok ? new Set(categories.value.map((c) => c.id)) : undefined;
    const parsed = parseCatalogue(text, categoryIds);
    if (!parsed.ok) {
      if (isJson) io.stdout(`${JSON.stringify({ valid: false, problems: parsed.error }, null, 2)}\n`);
      else io.stdout(`${file}: ${parsed.error.length} problem(s)\n${parsed.error.map((p) => `  ${p}`).join('\n')}\n`);
      return Promise.resolve(1);
    }
    const { items, departments } = parsed.value;
    const perDepartment = departments.map((d) => ({ id: d.id, name: d.name, items: items.filter((i) => i.departmentId === d.id).length }));
    if (isJson) {
      io.stdout(`${JSON.stringify({ valid: true, items: items.length, departments: departments.length, perDepartment, problems: [] }, null, 2)}\n`);
    } else {
      io.stdout(`${file}: valid, ${items.length} items in ${departments.length} departments (version ${parsed.value.updatedAt})\n`);
      for (const d of perDepartment) io.stdout(`  ${String(d.items).padStart(3)}  ${d.name}\n`);
    }
    return Promise.resolve(0);
  },
};
