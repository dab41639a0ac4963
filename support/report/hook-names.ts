import { readFileSync } from 'node:fs';

interface Located {
  id: string;
  location: { line: number };
}
interface GherkinScenario extends Located {
  examples?: { tableBody?: Located[] }[];
}
interface GherkinChild {
  scenario?: GherkinScenario;
  rule?: { children?: GherkinChild[] };
}
interface Envelope {
  hook?: { id: string; name?: string };
  gherkinDocument?: { feature?: { children?: GherkinChild[] } };
  pickle?: { id: string; uri: string; astNodeIds: string[] };
  testCase?: { pickleId: string; testSteps: { hookId?: string }[] };
}

/** The line of each scenario and each example row: cucumber.json places a scenario at the line of its last node. */
function nodeLines(children: GherkinChild[], lines: Map<string, number>): void {
  for (const child of children) {
    if (child.rule) nodeLines(child.rule.children ?? [], lines);
    const scenario = child.scenario;
    if (!scenario) continue;
    lines.set(scenario.id, scenario.location.line);
    for (const row of scenario.examples?.flatMap((examples) => examples.tableBody ?? []) ?? []) lines.set(row.id, row.location.line);
  }
}

/**
 * The names of the hooks each scenario ran, in the order cucumber.json lists its hook
 * steps (which carry no name there), keyed by `<uri>:<line>` of the scenario.
 */
export function hookNamesByScenario(ndjsonFile: string): Map<string, string[]> {
  const hooks = new Map<string, string>();
  const lines = new Map<string, number>();
  const pickles = new Map<string, NonNullable<Envelope['pickle']>>();
  const names = new Map<string, string[]>();
  for (const text of readFileSync(ndjsonFile, 'utf8').split('\n')) {
    if (!text.trim()) continue;
    const message = JSON.parse(text) as Envelope;
    if (message.hook) hooks.set(message.hook.id, message.hook.name ?? 'hook');
    if (message.gherkinDocument) nodeLines(message.gherkinDocument.feature?.children ?? [], lines);
    if (message.pickle) pickles.set(message.pickle.id, message.pickle);
    if (message.testCase) {
      const pickle = pickles.get(message.testCase.pickleId);
      if (!pickle) continue;
      const hookSteps = message.testCase.testSteps.filter((step) => step.hookId).map((step) => hooks.get(step.hookId as string) ?? 'hook');
      names.set(`${pickle.uri}:${lines.get(pickle.astNodeIds.at(-1) as string)}`, hookSteps);
    }
  }
  return names;
}
