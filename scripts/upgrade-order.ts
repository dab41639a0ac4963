// The upgrade scenarios change the platform under every other scenario, and their
// follow-ups check the platform the upgrade made: so they must run after all others,
// the upgrade itself first. Cucumber's default order gives that (features/upgrade
// sorts last); a random order, or paths that name features/upgrade before others, do
// not, and the runner refuses them rather than let a check of the upgraded platform
// run before the upgrade.
import { Writable } from 'node:stream';

const UPGRADE = '@upgrade';
const HELM_UPGRADE = '@helm-upgrade';

/** Only these change cucumber's order: a run without them needs no look at its plan. */
const mayReorder = (args: string[]): boolean => args.some((arg) => arg.startsWith('--order') || (!arg.startsWith('-') && arg.includes('.feature')) || /^features\/\w/.test(arg));

const isRandom = (args: string[]): boolean => args.some((arg, i) => (arg === '--order' && args[i + 1]?.startsWith('random')) || arg.startsWith('--order=random'));

/** Cucumber's own notes while planning ("Random order using seed ...") belong to the run, not to this look ahead. */
const quiet = { stderr: new Writable({ write: (_chunk, _encoding, done) => done() }) };

/** The scenarios the arguments select, in the order cucumber would run them, as "uri:line". */
async function plan(args: string[]): Promise<string[]> {
  // Loaded only for a run that may reorder: cucumber's API costs a run's start-up a quarter of a second.
  const { loadConfiguration, loadSources } = await import('@cucumber/cucumber/api');
  const { runConfiguration } = await loadConfiguration({ provided: args }, quiet);
  const { plan: pickles } = await loadSources(runConfiguration.sources, quiet);
  return pickles.map((pickle) => `${pickle.uri}:${pickle.location.line}`);
}

/** Why the order the arguments give would run an upgrade scenario too early, or nothing when it would not. */
export async function upgradeOrderProblem(args: string[]): Promise<string | undefined> {
  if (!mayReorder(args)) return undefined;
  const upgrade = new Set(await plan([...args, '--tags', UPGRADE]));
  if (upgrade.size === 0) return undefined;
  const fix = `Fix: run the upgrade on its own after the rest, e.g. \`npm run features -- --tags "not ${UPGRADE}" --order random\`, then \`npm run features -- --tags ${UPGRADE}\`.`;
  if (isRandom(args)) {
    return `--order random would run the upgrade scenarios (${UPGRADE}) among the others, and their checks of the upgraded platform perhaps before the upgrade.\n${fix}`;
  }
  const order = await plan(args);
  const helm = new Set(await plan([...args, '--tags', HELM_UPGRADE]));
  const firstUpgrade = order.findIndex((scenario) => upgrade.has(scenario));
  const laterOther = order.slice(firstUpgrade).find((scenario) => !upgrade.has(scenario));
  if (laterOther) return `The features are given in an order that runs ${laterOther} after the upgrade scenarios (${UPGRADE}), on an upgraded platform.\n${fix}`;
  const lastHelm = Math.max(...order.map((scenario, i) => (helm.has(scenario) ? i : -1)));
  const earlyCheck = order.slice(0, lastHelm).find((scenario) => upgrade.has(scenario) && !helm.has(scenario));
  if (earlyCheck) return `The features are given in an order that runs ${earlyCheck}, a check of the upgraded platform, before the upgrade itself (${HELM_UPGRADE}).\n${fix}`;
  return undefined;
}
