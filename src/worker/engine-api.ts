// The engine API the worker uses (one import site).
export { Experiment, tutorialNets, withTrainingPoints } from '../experiment/runner';
export { McDropout } from '../experiment/mc-dropout';
export { pickBackend } from '../experiment/backend-choice';
export { validateDataset } from '../experiment/data';
