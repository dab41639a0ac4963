import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { admissionRefusal } from '../../support/cluster/admission';

test('a quota, Pod Security and a webhook denial are told from each other, each with a fix that is not RBAC', () => {
  const quota = admissionRefusal('pods "mnist-master-0" is forbidden: exceeded quota: no-pods, requested: pods=1, used: pods=0, limited: pods=0');
  const podSecurity = admissionRefusal('pods "mnist-master-0" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false');
  const webhook = admissionRefusal('admission webhook "validate.kyverno.svc" denied the request: images must be signed');
  assert.match(quota?.what ?? '', /ResourceQuota/);
  assert.match(podSecurity?.what ?? '', /Pod Security/);
  assert.match(webhook?.what ?? '', /admission webhook/);
  for (const refusal of [quota, podSecurity, webhook]) assert.match(refusal?.fix ?? '', /not a matter of RBAC/);
});

test('an RBAC refusal is not taken for an admission refusal', () => {
  assert.equal(admissionRefusal('pods is forbidden: User "system:serviceaccount:kubeflow-bdd:kubeflow-bdd" cannot create resource "pods"'), undefined);
});

test("a namespace without the label Katib's webhook asks for is named with the label to add", () => {
  const refusal = admissionRefusal('admission webhook "validator.experiment.katib.kubeflow.org" denied the request: Cannot create the Experiment "random" in namespace "team-a": the namespace lacks label "katib.kubeflow.org/metrics-collector-injection: enabled"');
  assert.equal(refusal?.what, 'the namespace lacks a label that the webhook asks for');
  assert.match(refusal?.fix ?? '', /kubectl label namespace <namespace> katib\.kubeflow\.org\/metrics-collector-injection=enabled\), or unset KUBEFLOW_BDD_NAMESPACE/);
});
