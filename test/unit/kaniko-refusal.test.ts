import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { refusedCredentials, type Push } from '../../support/kubeflow/kaniko-refusal';

// What Kaniko printed on the sandbox when its secret held a wrong password.
const REFUSED =
  'error checking push permissions -- make sure you entered the correct tag name, and that you are authenticated correctly, and try again: checking push permission for "192.0.2.2:25001/kfbdd-3c3bf/kubeflow-bdd/mnist-trainer:latest": POST http://192.0.2.2:25001/v2/kfbdd-3c3bf/kubeflow-bdd/mnist-trainer/blobs/uploads/: UNAUTHORIZED: authentication required; [map[Action:pull Class: Name:kfbdd-3c3bf/kubeflow-bdd/mnist-trainer Type:repository] map[Action:push Class: Name:kfbdd-3c3bf/kubeflow-bdd/mnist-trainer Type:repository]]';
const PUSH: Push = {
  host: '192.0.2.2:25001',
  secret: 'registry-credentials',
  pod: 'fairing-builder-x7k2p',
  login: { username: 'kaniko-builder', password: 'wrong-password-1a2b', file: '/home/user/registry-login.json' },
};

test('a push the registry refused with 401 names the secret, the login and its file, and quotes Kaniko; never the password', () => {
  const error = refusedCredentials(`INFO[0000] Retrieving image manifest\n${REFUSED}\n`, PUSH);
  assert.match(String(error), /The registry 192\.0\.2\.2:25001 refused the credentials of the secret registry-credentials \(the login of user "kaniko-builder" from \/home\/user\/registry-login\.json\): it answered Kaniko's push 401 Unauthorized, so the user name or the password is wrong\. The builder pod fairing-builder-x7k2p failed; Kaniko said:\nerror checking push permissions .*UNAUTHORIZED: authentication required.*\nFix: correct the login for 192\.0\.2\.2:25001 in \/home\/user\/registry-login\.json/);
  assert.doesNotMatch(String(error), /wrong-password/);
});

test("a 401 from another registry (the base image's), or another failure, is not a refused push", () => {
  assert.equal(refusedCredentials(REFUSED, { ...PUSH, host: '192.0.2.2:25000' }), undefined);
  assert.equal(refusedCredentials('error building image: error building stage: failed to execute command: waiting for process to exit: exit status 3', PUSH), undefined);
});
