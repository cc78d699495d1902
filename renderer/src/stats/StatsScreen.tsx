import { lazyScreen } from '../app/lazy-screen';

/** 统计分析, fetched when first opened: its charts and export stay out of the first screen. */
export const StatsScreen = lazyScreen(async () => (await import('./StatsPage')).StatsPage);
