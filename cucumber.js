// Profiles for cucumber-js. `npm run features` passes extra arguments through, e.g.
// `npm run features -- --tags @pytorchjob` or `--parallel 4`.
const reports = 'reports';

module.exports = {
  default: {
    // The upgrade feature runs last: its follow-up scenarios must see the upgraded platform.
    paths: ['features/pytorchjob', 'features/tfjob', 'features/kaniko', 'features/poddefault', 'features/upgrade'],
    requireModule: ['ts-node/register'],
    require: ['support/**/*.ts', 'steps/**/*.ts'],
    format: [
      'progress',
      `json:${reports}/cucumber.json`,
      `message:${reports}/cucumber.ndjson`,
      `junit:${reports}/junit.xml`,
    ],
    formatOptions: { junit: { suiteName: 'kubeflow-bdd' } },
    // Scenarios tagged @flaky get two more attempts; the report shows every attempt.
    retry: 2,
    retryTagFilter: '@flaky',
    strict: true,
  },
};
