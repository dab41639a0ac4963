// What the negative tests assert of every run: which scenarios failed and how soon, that nothing the run made is
// left in the cluster, that its reports were written, and that no secret of the fixtures shows anywhere.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { allFiles, leftovers, reportFiles, sandboxClients, scenarioSeconds, scenarioStatuses, type Run } from './run';

/** The values the fixtures' Secrets and registry logins hold, and their base64 forms. */
const FIXTURE_SECRETS = ['fixture-secret-value-9c1e4b', 'fixture-other-value-51d0aa', 'fixture-registry-password-7f3a', 'YnVpbGRlcjpmaXh0dXJlLXJlZ2lzdHJ5LXBhc3N3b3JkLTdmM2E=', 'wrong-registry-password-5e2c', 'a2FuaWtvLWJ1aWxkZXI6d3JvbmctcmVnaXN0cnktcGFzc3dvcmQtNWUyYw=='];

/**
 * A scenario that the harness ends on a final state takes its platform's own time (a Katib trial runs to its end
 * before its metric is missed); one ended by the timeout takes 15 minutes. A fifth of that tells the two apart with
 * room for a loaded machine: a bound of one minute was once missed by a second under --parallel 3.
 */
const LONG_BEFORE_THE_TIMEOUT_S = 180;

export async function assertClean(run: Run): Promise<void> {
  assert.deepEqual(await leftovers(sandboxClients(), run.runId), [], `objects of run ${run.runId} left in the cluster; the run ended with:\n${run.output.slice(-4000)}`);
  assert.equal(reportFiles(run.reports).length, 4, `reports written in ${run.reports}`);
}

/** The text of a file and of every base64 run in it: cucumber.json embeds attachments as base64. */
export function readable(file: string): string {
  const text = readFileSync(file, 'utf8');
  const decoded = (text.match(/[A-Za-z0-9+/]{16,}={0,2}/g) ?? []).map((run) => Buffer.from(run, 'base64').toString('utf8'));
  return [text, ...decoded].join('\n');
}

export function assertNoSecrets(run: Run): void {
  for (const file of allFiles(run.reports)) {
    const text = readable(file);
    for (const secret of FIXTURE_SECRETS) assert.ok(!text.includes(secret), `${file} contains a secret value of the fixtures`);
  }
  for (const secret of FIXTURE_SECRETS) assert.ok(!run.output.includes(secret), 'the console output contains a secret value of the fixtures');
}

/** Each scenario failed, found by the harness, not by the 15-minute job timeout. */
export function failedLongBeforeTheTimeout(run: Run, names: string[]): void {
  const statuses = scenarioStatuses(run.reports);
  for (const name of names) {
    assert.equal(statuses[name], 'failed', name);
    const seconds = scenarioSeconds(run.reports, name);
    assert.ok(seconds < LONG_BEFORE_THE_TIMEOUT_S, `"${name}" took ${seconds}s; the job timeout is 15m`);
  }
}
