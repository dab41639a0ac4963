// A run that selects no scenario checks nothing: a tag misspelt in a nightly job
// (--tags @pytorchjbo) or a features path that does not exist would otherwise exit 0.
// The runner fails such a run, naming what selected nothing and the fix; --allow-empty
// asks for an empty run on purpose (the bench times one).
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { RunMessages } from '../support/report/messages';
import { takesValue } from './cucumber-options';

const ROOT = join(__dirname, '..');
const FEATURES = 'features';

/** The runner's own option, taken out before cucumber sees the arguments. */
export const ALLOW_EMPTY = '--allow-empty';

/** The console and HTML heading of a run that selected no scenario. */
export const SELECTED_NOTHING = 'The run selected no scenario';

export function takeAllowEmpty(args: string[]): { args: string[]; allowEmpty: boolean } {
  return { args: args.filter((arg) => arg !== ALLOW_EMPTY), allowEmpty: args.includes(ALLOW_EMPTY) };
}

export interface Selection {
  tags: string[];
  names: string[];
  paths: string[];
}

/** What cucumber's arguments select scenarios by: tag expressions, --name patterns and features paths. */
export function selectionOf(args: string[]): Selection {
  const selection: Selection = { tags: [], names: [], paths: [] };
  for (let i = 0; i < args.length; i++) {
    const inline = args[i].startsWith('--') ? args[i].indexOf('=') : -1;
    const option = inline > 0 ? args[i].slice(0, inline) : args[i];
    if (!option.startsWith('-')) selection.paths.push(option);
    // What follows an option that takes a value is not a features path.
    if (!takesValue(option)) continue;
    const value = inline > 0 ? args[i].slice(inline + 1) : args[++i];
    if (option === '-t' || option === '--tags') selection.tags.push(value);
    if (option === '--name') selection.names.push(value);
  }
  return selection;
}

/** The tags the loaded scenarios carry, with their features' tags, sorted. */
export function tagsInUse(pickles: RunMessages['pickles']): string[] {
  return [...new Set(pickles.flatMap((pickle) => pickle.tags.map((tag) => tag.name)))].sort();
}

function featureFolders(): string[] {
  const dir = join(ROOT, FEATURES);
  return existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => `${FEATURES}/${entry.name}`) : [];
}

/** Why a run selected nothing, from its arguments and the scenarios cucumber loaded, with the fix. */
export function describeEmptySelection(args: string[], pickles: RunMessages['pickles']): string {
  const { tags, names, paths } = selectionOf(args);
  const where = paths.length > 0 ? paths : [`${FEATURES}/`];
  if (pickles.length === 0) {
    // A path may end in :LINE; cucumber runs from the project's folder.
    const why = where.map((path) => `${path} ${existsSync(resolve(ROOT, path.replace(/(:\d+)+$/, ''))) ? 'holds no scenario' : 'does not exist'}`);
    return `${why.join('; ')}, so no scenario was selected.\nFix: name feature files or folders that exist, e.g. ${featureFolders().join(', ')}.`;
  }
  const filters = [...tags.map((tag) => `--tags "${tag}"`), ...names.map((name) => `--name "${name}"`)];
  const by = filters.length > 0 ? filters.join(' with ') : 'the lines given';
  return (
    `${by} selected none of the ${pickles.length} scenarios in ${where.join(', ')}.\n` +
    `Fix: select by the tags those scenarios have (${tagsInUse(pickles).join(', ')})` +
    `${names.length > 0 ? `, and with --name by a part of one of their names (${[...new Set(pickles.map((pickle) => pickle.name))].join('; ')})` : ''}. ` +
    `To run no scenario on purpose, add ${ALLOW_EMPTY}.`
  );
}
