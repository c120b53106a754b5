// The engine API the worker uses (one import site).
export { Experiment } from '../experiment/runner';
export { pickBackend } from '../experiment/backend-choice';
