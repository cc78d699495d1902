/** Sync state (owned by electron/sync). */
export default /* sql */ `
SELECT 1;
`;
