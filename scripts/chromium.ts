// Debian's Chromium driven by playwright-core, for the browser tests and the client bench (one place for its
// path and launch flags). `npx playwright install` cannot download browsers on these machines.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The Chromium binary: CHROMIUM_PATH, or Debian's /usr/bin/chromium (apt-get install -y chromium). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether that binary is installed. */
export const hasChromium = existsSync(CHROMIUM_PATH);

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches it headless, without sandbox or GPU (as these machines need) and without its background traffic. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS, headless: true });
}
