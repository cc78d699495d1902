import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { AppError } from '../../../shared/api/errors';
import { api } from '../api/client';
import { useApi } from '../api/hooks';
import { useBarcodeWedge } from '../app/useBarcodeWedge';
import { DEFAULT_WEDGE_RULES, caseNumberOf } from '../app/wedge-rules';
import { useOpenCase, type OpenCase } from './navigation';

/**
 * Opens the case a 办件编号 or document QR (OW1:…) names. Resolves to whether it was found; an
 * unknown number is reported to the clerk unless `quiet` (the caller then falls back to a search).
 */
export function useOpenCaseByCode(open: OpenCase): (code: string, options?: { quiet?: boolean }) => Promise<boolean> {
  const { message } = App.useApp();
  const qc = useQueryClient();
  return useCallback(
    async (code: string, { quiet = false } = {}) => {
      const caseNumber = caseNumberOf(code);
      if (caseNumber.length < 4 || caseNumber.length > 40) {
        if (!quiet) void message.warning(`扫描到的条码“${caseNumber.slice(0, 40)}”不是办件编号`);
        return false;
      }
      try {
        const detail = await qc.fetchQuery({
          queryKey: ['cases.get', { caseNumber }],
          queryFn: () => api.call('cases.get', { caseNumber }),
          staleTime: 0,
        });
        qc.setQueryData(['cases.get', { id: detail.id }], detail);
        open(detail.id);
        return true;
      } catch (e: unknown) {
        if (quiet && e instanceof AppError && e.code === 'NOT_FOUND') return false;
        if (e instanceof AppError && e.code === 'NOT_FOUND') void message.warning(`没有办件编号为 ${caseNumber} 的办件，请核对条码`);
        else void message.error(e instanceof AppError ? e.message : '无法打开扫描的办件，请重试');
        return false;
      }
    },
    [message, open, qc],
  );
}

/** The case search box's way in: a typed or pasted exact case number opens the case. */
export function useOpenTypedCase(): (code: string) => Promise<boolean> {
  const open = useOpenCaseByCode(useOpenCase());
  return useCallback((code: string) => open(code, { quiet: true }), [open]);
}

/** A scanned 办件编号 or document QR (OW1:…) opens its case; an unknown number says so and leaves the screen as it was. */
export function useScanToOpen(open: OpenCase, enabled: boolean): void {
  const openByCode = useOpenCaseByCode(open);
  const onScan = useCallback((code: string) => void openByCode(code), [openByCode]);
  const settings = useApi('settings.get', {});
  useBarcodeWedge(onScan, enabled, settings.data?.barcodeScanner ?? DEFAULT_WEDGE_RULES);
}
