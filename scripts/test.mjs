// npm test: the type check, then the sandbox's own checks against the running sandbox.
import { spawnSync } from 'node:child_process';

const steps = [
  ['type check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['sandbox checks', 'bash', ['test/sandbox.test.sh']],
];
for (const [name, command, args] of steps) {
  console.log(`# ${name}`);
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) {
    console.error(`# ${name} failed (exit ${status})`);
    process.exit(status ?? 1);
  }
}
