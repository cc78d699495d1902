export * from './card';
export * from './code-tables';
export * from './encode-card';
export * from './layouts';
export * from './parse-card';
export * from './reader-config';
export * from './text-block';
export * from './base64';
