import { lazyScreen } from '../app/lazy-screen';

/** 督办 (and 差评回访 for managers), fetched when first opened. */
export const SupervisionBoard = lazyScreen(async () => (await import('./SupervisionPage')).SupervisionPage);
