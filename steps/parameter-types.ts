import { defineParameterType } from '@cucumber/cucumber';
import { KINDS, type KindName } from '../support/cluster/kinds';

const kindNames = Object.keys(KINDS) as KindName[];

defineParameterType({
  name: 'kind',
  regexp: new RegExp(kindNames.join('|')),
  transformer: (name: string) => KINDS[name as KindName],
});

defineParameterType({
  name: 'jobKind',
  regexp: /PyTorchJob|TFJob/,
  transformer: (name: string) => KINDS[name as 'PyTorchJob' | 'TFJob'],
});

defineParameterType({
  name: 'replicaType',
  regexp: /Master|Worker|PS|Chief|Evaluator/,
  transformer: (name: string) => name,
});
