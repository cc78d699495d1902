export * from './canonical-json';
export * from './decision-content';
export * from './signature-record';
export * from './reference';
