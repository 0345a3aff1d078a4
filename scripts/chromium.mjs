// Debian's chromium and the flags every tool here launches it with (tests, demo screenshots,
// benchmarks). No test tool downloads a browser of its own; CHROME_PATH points elsewhere.
export const chromiumPath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Root needs --no-sandbox; the rest keep Chromium off the network this machine does not have. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launch options for puppeteer-core, with any extra flags. */
export function chromiumLaunchOptions(...extraArgs) {
  return { executablePath: chromiumPath, headless: true, args: [...chromiumArgs, ...extraArgs] };
}
