import assert from 'node:assert/strict';
import { test } from 'node:test';
import { criticalPathMs } from '../../bench/suite-time';
import { WORKLOAD_TIME } from '../../support/report/history';
import type { Attempt } from '../../support/report/messages';

/** An attempt whose scenario recorded these workload times, in seconds. */
function attempt(name: string, seconds: number[], tags: string[] = []): Attempt {
  return {
    pickle: { id: name, name, uri: 'features/x.feature', stream: 0, tags: tags.map((tag) => ({ name: tag })) },
    steps: [],
    willBeRetried: false,
    started: 0,
    finished: 0,
    attachments: seconds.map((s) => ({ fileName: WORKLOAD_TIME, mediaType: 'application/json', body: JSON.stringify({ what: 'cluster time', seconds: s }) })),
  };
}

test("each scenario counts its longest workload time; one that made nothing counts nothing", () => {
  assert.equal(criticalPathMs([attempt('a', [3, 5]), attempt('b', [])], 1), 5000);
});

test('scenarios go to the worker free first, in the order of the run', () => {
  // Two workers: a (10) and b (2) start; c (4) follows b and ends at 6; d (4) follows c at 6 and ends at 10.
  const attempts = [attempt('a', [10]), attempt('b', [2]), attempt('c', [4]), attempt('d', [4])];
  assert.equal(criticalPathMs(attempts, 2), 10_000);
  assert.equal(criticalPathMs(attempts, 1), 20_000);
});

test('upgrade scenarios run alone, after the others', () => {
  const attempts = [attempt('a', [6]), attempt('b', [6]), attempt('u1', [5], ['@upgrade']), attempt('u2', [1], ['@upgrade'])];
  assert.equal(criticalPathMs(attempts, 4), 12_000);
});
