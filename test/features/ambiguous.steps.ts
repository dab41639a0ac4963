// A second definition of a step sentence of steps/, to check how the run reports the clash.
import { Then } from '@cucumber/cucumber';

Then('the builder pod completes', function () {
  // never runs: the step is ambiguous
});
