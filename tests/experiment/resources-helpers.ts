// What the resources test builds real jobs with (the runner's own entry points).
import { linspace } from '../../src/experiment/data';
import { GRID_RANGE } from '../../src/experiment/runner';
export { Experiment, tutorialNets, withTrainingPoints } from '../../src/experiment/runner';

/** The runner's default prediction grid (121 points over GRID_RANGE). */
export function linspaceGrid(): number[] {
  return linspace(GRID_RANGE[0], GRID_RANGE[1], 121);
}
