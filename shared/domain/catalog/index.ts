export * from './schema';
export * from './conditions';
export * from './issues';
export * from './check';
export * from './lookup';
export * from './describe';
