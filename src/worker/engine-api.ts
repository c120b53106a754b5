// What the workers build experiments with: the runner, MC-dropout, the backend choice and the
// dataset check, re-exported for the training, batch and fallback modules (plain helpers such as
// the grid's nets and the golden replay are imported from experiment/ directly).
export { Experiment, tutorialNets, withTrainingPoints } from '../experiment/runner';
export { McDropout } from '../experiment/mc-dropout';
export { pickBackend } from '../experiment/backend-choice';
export { validateDataset } from '../experiment/data';
