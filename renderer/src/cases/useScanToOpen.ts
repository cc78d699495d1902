import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { AppError } from '../../../shared/api/errors';
import { api } from '../api/client';
import { useApi } from '../api/hooks';
import { useBarcodeWedge } from '../app/useBarcodeWedge';
import { DEFAULT_WEDGE_RULES, caseNumberOf } from '../app/wedge-rules';
import type { OpenCase } from './navigation';

/** A scanned 办件编号 or document QR (OW1:…) opens its case; an unknown number says so and leaves the screen as it was. */
export function useScanToOpen(open: OpenCase, enabled: boolean): void {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const onScan = useCallback(
    (code: string) => {
      const caseNumber = caseNumberOf(code);
      if (caseNumber.length < 4 || caseNumber.length > 40) {
        void message.warning(`扫描到的条码“${caseNumber.slice(0, 40)}”不是办件编号`);
        return;
      }
      api.call('cases.get', { caseNumber }).then(
        (detail) => {
          qc.setQueryData(['cases.get', { id: detail.id }], detail);
          open(detail.id);
        },
        (e: unknown) => {
          if (e instanceof AppError && e.code === 'NOT_FOUND') void message.warning(`没有办件编号为 ${caseNumber} 的办件，请核对条码`);
          else void message.error(e instanceof AppError ? e.message : '无法打开扫描的办件，请重试');
        },
      );
    },
    [message, open, qc],
  );
  const settings = useApi('settings.get', {});
  useBarcodeWedge(onScan, enabled, settings.data?.barcodeScanner ?? DEFAULT_WEDGE_RULES);
}
