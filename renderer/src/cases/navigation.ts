import { createContext, useContext } from 'react';

/** Opens a case page from anywhere in the workspace (list, board, batch signing, barcode wedge). */
export type OpenCase = (caseId: string) => void;

export const CaseNavigation = createContext<OpenCase>(() => undefined);

export function useOpenCase(): OpenCase {
  return useContext(CaseNavigation);
}
