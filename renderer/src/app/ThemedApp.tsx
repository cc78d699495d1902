import { App as AntApp, ConfigProvider, theme } from 'antd';
import type { Locale } from 'antd/es/locale';
import { useEffect, useState, type ReactNode } from 'react';
import { antdLocale } from './antd-locale';

const TOKEN = {
  colorPrimary: '#1f5fae',
  borderRadius: 4,
  fontFamily: '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif',
};

/** antd's theme and, once its chunk has arrived, its Chinese strings, around either window. */
export function ThemedApp({ display, children }: { display: boolean; children: ReactNode }) {
  const [locale, setLocale] = useState<Locale | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void antdLocale.then((l) => live && setLocale(l));
    return () => {
      live = false;
    };
  }, []);
  return (
    <ConfigProvider
      {...(locale ? { locale } : {})}
      button={{ autoInsertSpace: false }}
      theme={{ algorithm: display ? theme.defaultAlgorithm : [theme.defaultAlgorithm, theme.compactAlgorithm], token: TOKEN }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}
