// npm test: the prerequisites of its tests, the type check, unit tests of the support code, the harness image against
// its Dockerfile, the sandbox's own checks, its answers to bad situations, unit tests
// and two features on the other Node.js majors, the harness's negative tests (which
// break the sandbox and repair it), the HTML report read in headless Chromium, the
// harness run by the cluster as the least-privilege ServiceAccount (a Job, an Indexed
// Job of shards merged into one report, the CronJob), the benchmarks in their short
// mode, then every feature against the sandbox, which is started first when it is not
// running.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const units = readdirSync('test/unit').filter((file) => file.endsWith('.test.ts')).map((file) => `test/unit/${file}`);
// The in-cluster test runs later, on its own; every other file of test/harness/ is a negative test.
const negativeTests = readdirSync('test/harness').filter((file) => file.endsWith('.test.ts') && file !== 'in-cluster.test.ts').map((file) => `test/harness/${file}`);
const browserTests = readdirSync('test/browser').filter((file) => file.endsWith('.test.ts')).map((file) => `test/browser/${file}`);
const steps = [
  // Installs what the browser tests and the bench's peers need where it can (root on Debian), else lists it.
  ['prerequisites of the tests', 'bash', ['sandbox/prerequisites.sh', '--tests']],
  ['type check', 'npx', ['tsc', '--noEmit', '-p', '.']],
  ['unit tests', process.execPath, ['-r', './scripts/register-ts.js', '--test', ...units]],
  ['the sandbox (started if it is down)', 'bash', ['sandbox/up.sh']],
  // First: it pushes the harness image as the project is now, which the sandbox checks look for.
  ['the harness image against its Dockerfile', 'bash', ['test/image.test.sh']],
  ['sandbox checks', 'bash', ['test/sandbox.test.sh']],
  ['the sandbox in bad situations', 'bash', ['test/sandbox-errors.test.sh']],
  ['Node.js 22 and 24', 'bash', ['test/node-versions.sh']],
  ['negative tests of the harness', process.execPath, ['-r', './scripts/register-ts.js', '--test', '--test-concurrency=1', ...negativeTests]],
  ['the HTML report in a browser', process.execPath, ['-r', './scripts/register-ts.js', '--test', ...browserTests]],
  ['the harness inside the cluster: a Job, an Indexed Job, the CronJob', process.execPath, ['-r', './scripts/register-ts.js', '--test', 'test/harness/in-cluster.test.ts']],
  ['benchmarks, short mode', 'npm', ['run', '-s', 'bench', '--', '--short']],
  // Three at a time, as a nightly would run them: the run then takes about its longest scenarios' time.
  ['features against the sandbox', 'npm', ['run', '-s', 'features:sandbox', '--', '--parallel', '3']],
];
// Each step's time is printed, so a run's log says where the minutes go (CI has 90 of them on a new machine).
const took = (started) => `${Math.round((Date.now() - started) / 1000)} s`;
const begun = Date.now();
for (const [name, command, args] of steps) {
  console.log(`# ${name}`);
  const started = Date.now();
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) {
    console.error(`# ${name} failed (exit ${status}) after ${took(started)}`);
    process.exit(status ?? 1);
  }
  console.log(`# ${name}: passed in ${took(started)}`);
}
console.log(`# every step passed in ${took(begun)}`);
