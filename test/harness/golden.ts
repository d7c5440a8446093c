/**
 * Golden files: `expectGolden(path, actual)` compares with the file's content, or writes it when
 * `UPDATE_GOLDEN=1`. A missing golden fails (and is written when updating), so that nothing passes
 * by accident.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { strict as assert } from 'node:assert';

export const UPDATE = process.env.UPDATE_GOLDEN === '1';

export function expectGolden(path: string, actual: string): void {
  if (UPDATE) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `golden file ${path} is missing; run with UPDATE_GOLDEN=1 to create it`);
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from ${path}; run with UPDATE_GOLDEN=1 to update it after checking the difference`);
}
