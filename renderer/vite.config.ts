import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // Electron loads the app from app:// and the browser host from 127.0.0.1; neither needs
    // legacy targets.
    target: 'chrome120',
    chunkSizeWarningLimit: 4096,
    sourcemap: false,
  },
});
