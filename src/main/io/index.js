// Public API of the io layer: recordings in (NWB 2.x, MATLAB v7.3, own layout), sessions out, own layout in/out.
export { inspectRecording, loadRecording, readRecording, readRecordingReport } from './recording';
export { writeSessionsH5 } from './rsnn-h5/write';
export { readSessionsH5, readSessionsMeta } from './rsnn-h5/read';
export { hashFile } from './hash';
export { binSpikes, resampleContinuous } from './binning';
export { generateExample, EXAMPLE_BINNING } from './example/generate';
export { writeExampleFiles } from './example/write-example';
