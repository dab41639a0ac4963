import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { checkCucumberOptions, CUCUMBER_OPTIONS } from '../../scripts/cucumber-options';

const ARGV_PARSER = join(dirname(require.resolve('@cucumber/cucumber/package.json')), 'lib', 'configuration', 'argv_parser.js');

/** "-f, --format <TYPE[:PATH]>" as commander declares it: the flags, and what it takes. */
function declared(spec: string): string {
  const at = spec.indexOf('<');
  const flags = (at < 0 ? spec : spec.slice(0, at)).split(',').map((flag) => flag.trim());
  return `${flags.join(' ')} ${at < 0 ? '' : spec.slice(at)}`.trim();
}

test("the options checked are cucumber-js's own, each taking a value where it does", () => {
  const source = readFileSync(ARGV_PARSER, 'utf8');
  const specs = [...source.matchAll(/\.(?:option\(|version\([^,]+, )'([^']+)'/g)].map(([, spec]) => declared(spec));
  // Commander adds --help to every program.
  const cucumbers = [...specs, '-h --help'].sort();
  const ours = CUCUMBER_OPTIONS.map((option) => `${option.flags.join(' ')} ${option.value ?? ''}`.trim()).sort();
  assert.deepEqual(ours, cucumbers);
});

/** The one error's message, or nothing when the arguments pass. */
function complaint(args: string[]): string | undefined {
  try {
    checkCucumberOptions(args);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

test('good arguments pass, in every form commander reads', () => {
  for (const args of [
    ['--parallel', '2', '--retry', '0', '--tags', '@pytorchjob and not @upgrade', 'features/pytorchjob'],
    ['--parallel=2', '--tags=@tfjob', '-t', '@a', '-dt@b', '--name', 'TrainJob (1 node)?'],
    ['--order', 'random:42', '--world-parameters', '{"a": 1}', '--format', 'json:x.json', '--no-strict', '--fail-fast'],
    ['--', '--not-an-option'],
  ]) {
    assert.equal(complaint(args), undefined, args.join(' '));
  }
});

test('a count that is not a whole number is one line with the fix, not a stack trace', () => {
  assert.equal(complaint(['--parallel', 'abc']), '--parallel abc is not a whole number. Fix: give 0 or more, e.g. --parallel 2.');
  assert.equal(complaint(['--retry=two']), '--retry two is not a whole number. Fix: give 0 or more, e.g. --retry 1.');
  // cucumber's parseInt would take 2abc for 2.
  assert.match(complaint(['--parallel', '2abc']) ?? '', /^--parallel 2abc is not a whole number/);
});

test('an option cucumber does not know names the one meant', () => {
  assert.equal(complaint(['--paralel', '2']), '--paralel is not an option of npm run features or cucumber-js 12. Fix: did you mean --parallel?');
  assert.match(complaint(['--allow-emtpy']) ?? '', /Fix: did you mean --allow-empty\?$/);
  assert.match(complaint(['-x']) ?? '', /^-x is not an option .*Fix: see `npx cucumber-js --help` for the options\.$/);
  assert.equal(complaint(['--dry-run=yes']), '--dry-run takes no value, but is given yes. Fix: write --dry-run alone.');
});

test('a missing value is named, also where the next option would be taken for it', () => {
  assert.equal(complaint(['--tags']), "--tags needs a value (<EXPRESSION>). Fix: give one after it, e.g. --tags '@pytorchjob and not @upgrade'.");
  assert.equal(complaint(['--parallel', '--dry-run']), '--parallel needs a value (<NUMBER_OF_WORKERS>), but --dry-run follows it. Fix: give one after it, e.g. --parallel 2.');
  assert.match(complaint(['-dp']) ?? '', /^-p needs a value \(<NAME>\)/);
});

test('values cucumber parses later are checked as it parses them', () => {
  assert.match(complaint(['--tags', '@pytorchjob and']) ?? '', /^--tags "@pytorchjob and" is not a tag expression: Expected operand\. Fix: join tags with and, or, not and parentheses/);
  assert.match(complaint(['--name', '(']) ?? '', /^--name "\(" is not a regular expression \(.*\)\. Fix:/);
  assert.match(complaint(['--world-parameters', '[1]']) ?? '', /^--world-parameters \[1\] is JSON but not an object\. Fix: give a JSON object, e\.g\. --world-parameters '\{"key": "value"\}'\.$/);
  assert.match(complaint(['--format-options', '{bad']) ?? '', /^--format-options \{bad is not JSON \(.*\)\. Fix:/);
  assert.equal(complaint(['--order', 'reverse']), '--order reverse is not an order cucumber-js runs. Fix: --order defined, --order random or --order random:<seed>.');
});

test('every wrong argument is named at once', () => {
  const message = complaint(['--parallel', 'x', '--retyr', '1', '--tags']) ?? '';
  assert.deepEqual(message.split('\n').map((line) => line.replace(/ .*/, '')), ['3', '-', '-', '-']);
  assert.match(message, /--parallel x[\s\S]*--retyr .*did you mean --retry\?[\s\S]*--tags needs a value/);
});
