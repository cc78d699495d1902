import { lazyScreen } from '../app/lazy-screen';

/** 签名密钥 (administrators), fetched when first opened. */
export const LeaderKeys = lazyScreen(async () => (await import('./LeaderKeysPage')).LeaderKeysPage);
