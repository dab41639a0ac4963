// npm run features passes its arguments on to cucumber-js, which reports a bad one
// with a stack trace through its own code (--parallel abc), and an unknown option
// without the fix. This reads the arguments as cucumber-js 12 reads them (commander,
// with the options of lib/configuration/argv_parser.js) and says, one line each,
// what is wrong and the fix, before cucumber starts.
import { createRequire } from 'node:module';
import { closestName } from '../support/closest-name';
import { ALLOW_EMPTY } from './selection';

interface CucumberOption {
  flags: string[];
  /** What the option takes, as cucumber's --help names it; none for a switch. */
  value?: string;
  /** An example of a good value, for the fix. */
  example?: string;
  /** Why the value is wrong, with the fix; undefined when it is good. */
  check?: (option: string, value: string, example: string) => string | undefined;
}

/** A value as it is typed in a shell: quoted where it holds spaces or quotes. */
const quoted = (value: string) => (/^[\w@/.:=-]+$/.test(value) ? value : `'${value}'`);

const count = (option: string, value: string, example: string) =>
  /^\d+$/.test(value) ? undefined : `${option} ${value} is not a whole number. Fix: give 0 or more, e.g. ${option} ${example}.`;

function jsonObject(option: string, value: string, example: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch (error) {
    return `${option} ${value} is not JSON (${(error as Error).message}). Fix: give a JSON object, e.g. ${option} ${quoted(example)}.`;
  }
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return undefined;
  return `${option} ${value} is JSON but not an object. Fix: give a JSON object, e.g. ${option} ${quoted(example)}.`;
}

/** Cucumber's own parser of tag expressions, the version it runs with. */
const parseTagExpression = (createRequire(require.resolve('@cucumber/cucumber'))('@cucumber/tag-expressions') as { default: (expression: string) => unknown }).default;

function tagExpression(option: string, value: string, example: string): string | undefined {
  try {
    parseTagExpression(value);
    return undefined;
  } catch (error) {
    // Its message repeats the expression before the reason: "Tag expression "@a and" could not be parsed because of syntax error: Expected operand."
    const reason = (error as Error).message.replace(/^.*syntax error: /, '');
    return `${option} "${value}" is not a tag expression: ${reason} Fix: join tags with and, or, not and parentheses, e.g. ${option} ${quoted(example)}.`;
  }
}

function regularExpression(option: string, value: string, example: string): string | undefined {
  try {
    new RegExp(value);
    return undefined;
  } catch (error) {
    return `${option} "${value}" is not a regular expression (${(error as Error).message}). Fix: give a part of a scenario's name, with \\ before ( ) [ ] . * + ?, e.g. ${option} ${quoted(example)}.`;
  }
}

/** What cucumber-js 12 validates --order against: the help's `reverse` is refused. */
const order = (option: string, value: string) =>
  /^(defined|random(:.*)?)$/.test(value) ? undefined : `${option} ${value} is not an order cucumber-js runs. Fix: ${option} defined, ${option} random or ${option} random:<seed>.`;

/** The options of cucumber-js 12.9 (test/unit/cucumber-options.test.ts compares them with its argv_parser.js). */
export const CUCUMBER_OPTIONS: CucumberOption[] = [
  { flags: ['-b', '--backtrace'] },
  { flags: ['-c', '--config'], value: '<PATH>' },
  { flags: ['-d', '--dry-run'] },
  { flags: ['--exit', '--force-exit'] },
  { flags: ['--fail-fast'] },
  { flags: ['-f', '--format'], value: '<TYPE[:PATH]>', example: 'progress' },
  { flags: ['--format-options'], value: '<JSON>', example: '{"snippetInterface": "async-await"}', check: jsonObject },
  { flags: ['--i18n-keywords'], value: '<ISO 639-1>', example: 'en' },
  { flags: ['--i18n-languages'] },
  { flags: ['-i', '--import'], value: '<GLOB|DIR|FILE>' },
  { flags: ['-l', '--loader'], value: '<NODE_MODULE>' },
  { flags: ['--language'], value: '<ISO 639-1>', example: 'en' },
  { flags: ['--name'], value: '<REGEXP>', example: 'TrainJob', check: regularExpression },
  { flags: ['--order'], value: '<TYPE[:SEED]>', example: 'random', check: order },
  { flags: ['-p', '--profile'], value: '<NAME>', example: 'default' },
  { flags: ['--parallel'], value: '<NUMBER_OF_WORKERS>', example: '2', check: count },
  { flags: ['--plugin'], value: '<SPECIFIER>' },
  { flags: ['--plugin-options'], value: '<JSON>', example: '{"key": "value"}', check: jsonObject },
  { flags: ['--publish'] },
  { flags: ['-r', '--require'], value: '<GLOB|DIR|FILE>' },
  { flags: ['--require-module'], value: '<NODE_MODULE>' },
  { flags: ['--retry'], value: '<NUMBER_OF_RETRIES>', example: '1', check: count },
  { flags: ['--retry-tag-filter'], value: '<EXPRESSION>', example: '@flaky', check: tagExpression },
  { flags: ['--shard'], value: '<INDEX/TOTAL>', example: '1/3' },
  { flags: ['--strict'] },
  { flags: ['--no-strict'] },
  { flags: ['-t', '--tags'], value: '<EXPRESSION>', example: '@pytorchjob and not @upgrade', check: tagExpression },
  { flags: ['--world-parameters'], value: '<JSON>', example: '{"key": "value"}', check: jsonObject },
  { flags: ['-v', '--version'] },
  { flags: ['-h', '--help'] },
];

const byFlag = new Map(CUCUMBER_OPTIONS.flatMap((option) => option.flags.map((flag) => [flag, option] as const)));
/** The runner takes --allow-empty (and --shard, which it turns into cucumber's) out before cucumber sees the arguments. */
const suggestions = () => [...byFlag.keys(), ALLOW_EMPTY];

/** Whether cucumber takes the argument after this option as its value. */
export const takesValue = (flag: string): boolean => byFlag.get(flag)?.value !== undefined;

function unknownOption(arg: string): string {
  const flag = arg.split('=')[0];
  // A letter is as near to any other letter: only a long option's misspelling points at the one meant.
  const meant = flag.startsWith('--') ? closestName(flag, suggestions().filter((candidate) => candidate.startsWith('--'))) : undefined;
  const fix = meant ? `did you mean ${meant}?` : 'see `npx cucumber-js --help` for the options.';
  return `${flag} is not an option of npm run features or cucumber-js 12. Fix: ${fix}`;
}

function valueProblem(flag: string, option: CucumberOption, value: string | undefined): string | undefined {
  // Commander takes the next argument as the value even when it is an option: --tags --dry-run would select by "--dry-run".
  if (value === undefined || value === '' || byFlag.has(value)) {
    const example = option.example ? `, e.g. ${flag} ${quoted(option.example)}` : '';
    return `${flag} needs a value (${option.value})${value ? `, but ${value} follows it` : ''}. Fix: give one after it${example}.`;
  }
  return option.check?.(flag, value, option.example ?? '');
}

/** Why each argument is wrong, walking them as commander does: -abc is -a -b -c, -tX is -t X, --tags=X is --tags X, -- ends the options. */
function problemsOf(args: string[]): string[] {
  const problems: string[] = [];
  const add = (problem: string | undefined) => {
    if (problem) problems.push(problem);
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') break;
    // Features paths, and negative numbers, which commander also takes for operands.
    if (arg.length < 2 || !arg.startsWith('-') || /^-\d/.test(arg)) continue;
    const inline = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = inline > 0 ? arg.slice(0, inline) : arg;
    const option = byFlag.get(flag);
    if (option?.value) add(valueProblem(flag, option, inline > 0 ? arg.slice(inline + 1) : args[++i]));
    else if (option && inline > 0) add(`${flag} takes no value, but is given ${arg.slice(inline + 1)}. Fix: write ${flag} alone.`);
    else if (!option && arg.startsWith('--')) add(unknownOption(arg));
    else if (!option) {
      // A group of short options: switches, up to one that takes the rest as its value.
      for (let rest = arg.slice(1); rest !== ''; rest = rest.slice(1)) {
        const short = byFlag.get(`-${rest[0]}`);
        if (!short) add(unknownOption(`-${rest[0]}`));
        else if (short.value) add(valueProblem(`-${rest[0]}`, short, rest.slice(1) || args[++i]));
        if (!short || short.value) break;
      }
    }
  }
  return problems;
}

/** Throws one error naming every argument cucumber-js would refuse, each with its fix. */
export function checkCucumberOptions(args: string[]): void {
  const problems = problemsOf(args);
  if (problems.length === 1) throw new Error(problems[0]);
  if (problems.length > 1) throw new Error(`${problems.length} options are wrong:\n${problems.map((problem) => `- ${problem}`).join('\n')}`);
}
