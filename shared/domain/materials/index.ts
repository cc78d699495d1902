export * from './validity';
export * from './checklist';
