import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import type { Clients } from '../../support/cluster/client';
import { KINDS } from '../../support/cluster/kinds';
import { interruption, InterruptedError } from '../../support/interrupt';
import { waiting } from '../../support/wait/verdict';
import { waitFor } from '../../support/wait/watch';

// In a file of its own: the interruption is the process's, and stays aborted.
test('a wait begun after Ctrl-C, guarded or not, ends at once with the interruption, asking the API nothing', async () => {
  interruption.abort(new InterruptedError('SIGINT'));
  const noClients = {} as Clients;
  const wait = waitFor(noClients, { what: 'anything', kind: KINDS.Pod, namespace: 'team-a', timeoutMs: 60_000, signal: new AbortController().signal, evaluate: () => waiting('nothing') });
  await assert.rejects(wait, /Interrupted by SIGINT/);
});
