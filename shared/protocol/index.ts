/** Wire schemas the hall server adds to protocol v1 (docs/platform-protocol.md section 9). */
export * from './enrolment';
export * from './feed';
export * from './board';
