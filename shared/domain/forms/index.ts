export * from './compose';
export * from './prefill';
export * from './validate';
