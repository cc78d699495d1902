export * from './id-number';
export * from './uscc';
export * from './project-code';
export * from './elicence-id';
export * from './certificates';
