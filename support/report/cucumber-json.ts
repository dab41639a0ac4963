// The parts of cucumber's JSON report that the HTML report reads and adjusts.

export interface JsonStep {
  keyword: string;
  name?: string;
  hidden?: boolean;
  result: { status: string; duration?: number; error_message?: string };
  embeddings?: unknown[];
}

export interface JsonScenario {
  id: string;
  name: string;
  line: number;
  steps: JsonStep[];
}

export interface JsonFeature {
  id: string;
  uri: string;
  name: string;
  elements: JsonScenario[];
}

export interface FailedScenario {
  feature: string;
  scenario: string;
  /** The step (or hook) that failed, as the report shows it. */
  step: string;
  /** The error's "Most likely: ..." line where it has one, else its first line. */
  reason: string;
  /** The error's first line, where the reason is another line. */
  detail?: string;
  /** The feature page and the scenario's place on it, relative to the HTML folder. */
  href: string;
  seconds: number;
}

const isHook = (step: JsonStep): boolean => !step.name && (step.keyword === 'Before' || step.keyword === 'After');

/** The reporter's file name for a feature, given `staticFilePath`: its id with anything but [a-zA-Z0-9-_] replaced. */
export const featurePage = (feature: JsonFeature): string => `features/${feature.id.replace(/[^a-zA-Z0-9-_]/g, '-')}.html`;

/** The anchor the report's script gives the scenario at this index of its feature page. */
export const scenarioAnchor = (index: number): string => `kfbdd-scenario-${index}`;

/** A scenario's time with its hooks: the namespace set up before it and the cleanup after it. */
export const scenarioSeconds = (scenario: JsonScenario): number =>
  scenario.steps.reduce((sum, step) => sum + (step.result.duration ?? 0), 0) / 1e9;

/**
 * Gives each hook step its hook's name and shows it: the reporter leaves hidden steps
 * out of a scenario's duration, and the setup and cleanup are often most of it.
 */
export function showHooks(features: JsonFeature[], hookNames: Map<string, string[]>): void {
  for (const feature of features) {
    for (const scenario of feature.elements) {
      const names = hookNames.get(`${feature.uri}:${scenario.line}`) ?? [];
      scenario.steps.filter(isHook).forEach((step, index) => {
        step.name = `(${names[index] ?? 'hook'})`;
        step.hidden = false;
      });
    }
  }
}

function stripErrorClass(line: string): string {
  return line.replace(/^\w*(?:Error|Exception): /, '');
}

/** What a step of these statuses makes of a scenario under --strict: a failure. */
const FAILING: Record<string, string> = {
  failed: 'no message',
  ambiguous: 'more than one step definition matches this step',
  undefined: 'no step definition matches this step',
  pending: 'the step definition is pending',
};

export function failedScenarios(features: JsonFeature[]): FailedScenario[] {
  return features.flatMap((feature) =>
    feature.elements.flatMap((scenario, index) => {
      const failed = scenario.steps.find((step) => step.result.status in FAILING);
      if (!failed) return [];
      const lines = (failed.result.error_message ?? FAILING[failed.result.status]).split('\n').map((line) => line.trim()).filter(Boolean);
      const first = stripErrorClass(lines[0] ?? FAILING.failed);
      const likely = lines.find((line) => line.startsWith('Most likely:'));
      return [
        {
          feature: feature.name,
          scenario: scenario.name,
          step: `${failed.keyword.trim()} ${failed.name ?? ''}`.trim(),
          reason: likely ?? first,
          detail: likely ? first : undefined,
          href: `${featurePage(feature)}#${scenarioAnchor(index)}`,
          seconds: scenarioSeconds(scenario),
        },
      ];
    }),
  );
}
