import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { README, readmeWithStepList } from '../../scripts/step-list';

test('the README lists every step sentence of steps/ (run `npm run docs:steps` to update it)', () => {
  const readme = readFileSync(README, 'utf8');
  assert.equal(readme, readmeWithStepList(readme));
});
