// npm run features:clean: deletes whatever earlier runs left in the cluster, found by label.
import { makeClients } from '../support/cluster/client';
import { sweep } from '../support/cluster/sweep';

async function main(): Promise<number> {
  const runId = process.argv[2];
  const result = await sweep(makeClients(), { runId });
  const scope = runId ? `of run ${runId}` : 'of earlier runs';
  console.log(`Removed ${result.removed.length} leftover(s) ${scope}${result.removed.length ? `:\n  ${result.removed.join('\n  ')}` : '.'}`);
  for (const problem of result.problems) console.error(problem);
  return result.problems.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.message);
    process.exit(1);
  },
);
