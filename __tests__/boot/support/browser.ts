import * as fs from 'fs';
import * as path from 'path';
import { Browser, chromium } from 'playwright-core';
import { BootNamespace } from './namespace';

/** Debian's Chromium (`npm run setup` installs it); playwright-core never downloads a browser here. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where the boot test keeps what a person would look at (screenshots); not removed after the run. */
export const BOOT_TEST_OUTPUT_DIR = path.join(__dirname, '..', '..', '..', 'test-output', 'wordpress-boot');

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Headless Chromium inside the boot test's network namespace, where the instances are, with
 * `host` (the site's name, the load balancer's on AWS) resolving to one instance's `address`,
 * as the load balancer would send the browser there. Playwright gives it a fresh profile.
 */
export async function launchBrowser(namespace: BootNamespace, dir: string, host: string, address: string): Promise<Browser> {
  // Playwright starts the executable it is given with its pipes; this one enters the namespace first.
  const executable = path.join(dir, `chromium-to-${address}`);
  fs.writeFileSync(executable, `#!/bin/sh\nexec nsenter ${namespace.enter([CHROMIUM]).map(quote).join(' ')} "$@"\n`, { mode: 0o755 });
  return chromium.launch({
    executablePath: executable,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--host-resolver-rules=MAP ${host} ${address}`,
    ],
  });
}
