/**
 * Electron's silent printing for the ElectronPrinter. Imported by electron/main.ts only (it
 * needs 'electron'). It cannot run on the build machines, which have no Electron binary: check
 * it on a clerk's machine with a real printer before relying on it.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';
import type { ElectronPrintBridge } from './devices/printer';

export function createElectronPrintBridge(): ElectronPrintBridge {
  return {
    async listPrinters() {
      const probe = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' },
      });
      try {
        const list = await probe.webContents.getPrintersAsync();
        // Electron no longer reports queue status; CUPS/Windows options carry it per platform.
        return list.map((p) => ({
          name: p.name,
          isDefault: (p.options as Record<string, unknown> | undefined)?.['is-default'] === 'true',
          status: 0,
        }));
      } finally {
        probe.destroy();
      }
    },
    async printPdf(pdf, opts) {
      // Chromium's PDF viewer renders the file; the window never shows and loads only this file.
      const dir = await mkdtemp(join(tmpdir(), 'ow-print-'));
      const file = join(dir, 'document.pdf');
      await writeFile(file, pdf);
      const win = new BrowserWindow({
        show: false,
        title: opts.title,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, disableBlinkFeatures: 'Auxclick' },
      });
      try {
        await win.loadURL(pathToFileURL(file).href);
        return await new Promise<{ ok: boolean; failureReason?: string }>((resolve) => {
          win.webContents.print(
            { silent: true, deviceName: opts.deviceName, copies: opts.copies, printBackground: true },
            (success, failureReason) => resolve(success ? { ok: true } : { ok: false, failureReason }),
          );
        });
      } finally {
        win.destroy();
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
