// Profiles for cucumber-js. `npm run features` passes extra arguments through, e.g.
// `npm run features -- --tags @pytorchjob` or `--parallel 4`.
const reports = process.env.KUBEFLOW_BDD_REPORTS || 'reports';

module.exports = {
  default: {
    // No paths: cucumber's default, features/**/*.feature, sorts features/upgrade last,
    // where its follow-up scenarios see the upgraded platform. Paths given on the
    // command line replace it.
    requireModule: [require.resolve('./scripts/register-ts.js')],
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
