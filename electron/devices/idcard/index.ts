export {
  createIdCardReader,
  IdCardReader,
  DEFAULT_TIMING,
  type IdCardReaderDeps,
  type IdCardReaderEvents,
  type ReaderTiming,
  type TrainingControls,
} from './reader';
export { loadPhotoDecoder, type PhotoDecoder } from './photo-decoder';
export { SamSimulator, type SimulatorFaults, type SimulatorOptions } from './simulator/sam-simulator';
export { SimulatorBinding, SIMULATOR_PORT_PATH } from './simulator/simulator-binding';
export { runSimulatorOnPort, type RunningSimulator } from './simulator/serial-simulator';
export {
  loadTrainingCard,
  loadTrainingCards,
  defaultTrainingCardsDir,
  type TrainingCard,
  type TrainingCardSummary,
} from './simulator/training-cards';
