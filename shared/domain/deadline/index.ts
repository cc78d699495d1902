export * from './case-clock';
export * from './compute-deadline';
export * from './correction-notice';
export * from './deficiency';
export * from './statutory-limits';
