import type { Locale } from 'antd/es/locale';

/**
 * antd's zh_CN strings (pickers, pagination, modals' OK/Cancel) are fetched beside the first
 * screen rather than inside it: the login screen uses none of them, and every later screen
 * waits for this promise before it renders (see AppRoot), so no English string ever shows.
 */
export const antdLocale: Promise<Locale> = import('antd/locale/zh_CN').then((m) => m.default);
