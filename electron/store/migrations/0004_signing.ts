/** Placeholder: filled by its owner. */
export default /* sql */ `
SELECT 1;
`;
