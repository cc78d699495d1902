export * from './locate';
export * from './json-text';
export * from './load';
export * from './shelf';
