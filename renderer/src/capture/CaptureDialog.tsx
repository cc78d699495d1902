import { useState } from 'react';
import { lazyScreen } from '../app/lazy-screen';
import type { CaptureDialogProps } from './CaptureModal';

export type { CaptureDialogProps, CapturedRef } from './CaptureModal';

const CaptureModal = lazyScreen(async () => (await import('./CaptureModal')).CaptureModal, null);

/**
 * The capture dialog (camera and scanner), whose code — frame analysis, cropping, the scan
 * runner's screens — is fetched the first time a clerk opens it, then kept.
 */
export function CaptureDialog(props: CaptureDialogProps) {
  const [wanted, setWanted] = useState(props.open);
  if (props.open && !wanted) setWanted(true);
  return wanted ? <CaptureModal {...props} /> : null;
}
