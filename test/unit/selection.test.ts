import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { describeEmptySelection, selectionOf, takeAllowEmpty } from '../../scripts/selection';

const pickle = (name: string, tags: string[]) => ({ id: name, name, uri: 'features/a.feature', stream: 0, tags: tags.map((tag) => ({ name: tag })) });

test("the selection is read from cucumber's arguments: tags, names and paths, not the values of other options", () => {
  assert.deepEqual(selectionOf(['--tags', '@a', '-t', 'not @b', '--parallel', '2', '--name=x', 'features/kaniko', '--format', 'progress', '--dry-run', 'features/tfjob:12']), {
    tags: ['@a', 'not @b'],
    names: ['x'],
    paths: ['features/kaniko', 'features/tfjob:12'],
  });
  assert.deepEqual(takeAllowEmpty(['--allow-empty', '--tags', '@a']), { args: ['--tags', '@a'], allowEmpty: true });
  assert.deepEqual(takeAllowEmpty(['--tags', '@a']), { args: ['--tags', '@a'], allowEmpty: false });
});

test('a tag expression that selects nothing is named, with the tags the scenarios do have and the way to an empty run on purpose', () => {
  const message = describeEmptySelection(['--tags', '@pytorchjbo'], [pickle('A', ['@pytorchjob']), pickle('B', ['@tfjob', '@flaky'])]);
  assert.match(message, /^--tags "@pytorchjbo" selected none of the 2 scenarios in features\/\.\nFix: select by the tags those scenarios have \(@flaky, @pytorchjob, @tfjob\)\. To run no scenario on purpose, add --allow-empty\.$/);
  assert.match(describeEmptySelection(['--name', 'pony'], [pickle('A', [])]), /^--name "pony" selected none of the 1 scenarios in features\/\.\nFix: .*, and with --name by a part of one of their names \(A\)/);
});

test('a features path that does not exist is named, with the feature folders there are', () => {
  const message = describeEmptySelection(['features/pytorchjbo', 'features/tfjob/tfjob.feature:999'], []);
  assert.match(message, /^features\/pytorchjbo does not exist; features\/tfjob\/tfjob\.feature:999 holds no scenario, so no scenario was selected\.\nFix: name feature files or folders that exist, e\.g\. .*features\/pytorchjob/);
});
