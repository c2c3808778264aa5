export * from './pacer-snapshot';
export * from './pacing';
export * from './pacing-forecast';
export * from './pacing-loss';
export * from './pacing-math';
export * from './predictive-pacing';
