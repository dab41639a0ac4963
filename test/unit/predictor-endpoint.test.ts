import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { refusalProblem } from '../../support/kubeflow/predictor-endpoint';

test('a gateway that refuses a request without a token passes; one that answers it is named with the fix', () => {
  for (const status of [401, 403, 302]) assert.equal(refusalProblem({ status, body: '' }, 'POST v1/models/iris:predict'), undefined);
  assert.match(
    refusalProblem({ status: 200, body: '{"predictions":[1,1]}' }, 'POST v1/models/iris:predict') as string,
    /^POST v1\/models\/iris:predict without a token answered HTTP 200 \(\{"predictions":\[1,1\]\}\), where a gateway that checks who asks refuses it .*Fix: check the platform's authorization policy/,
  );
  assert.match(refusalProblem({ status: 404, body: 'no route' }, 'POST x') as string, /answered HTTP 404 \(no route\)/);
});
