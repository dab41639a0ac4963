import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseQuantity, sameQuantity } from '../../support/cluster/quantity';

test('quantities compare by value, not by spelling', () => {
  assert.ok(sameQuantity('0.5', '500m'));
  assert.ok(sameQuantity('1Gi', '1024Mi'));
  assert.ok(sameQuantity('0.05', '50m'));
  assert.ok(sameQuantity('1e3', '1k'));
  assert.ok(!sameQuantity('250m', '500m'));
  assert.ok(!sameQuantity('1G', '1Gi'));
});

test('a value that is not a quantity says how to write one', () => {
  assert.throws(() => parseQuantity('half a core'), /"half a core" is not a Kubernetes quantity\. Fix: write it like 500m/);
  assert.equal(parseQuantity('128Mi'), 128 * 2 ** 20);
});
