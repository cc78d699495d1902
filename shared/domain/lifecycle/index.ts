export * from './case-actions';
export * from './supervision-level';
