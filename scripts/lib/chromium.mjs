// Launch options for Debian's headless Chromium, shared by the packaging tests and the
// benchmarks. The background-networking flags keep Chromium from reaching for Google's
// hosts, which this machine's closed network refuses; --no-sandbox lets it run as root.

/** Path of the browser: $CHROMIUM_BIN, else Debian's package. */
export const chromiumPath = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';

/** Options for playwright-core's `chromium.launch()`. */
export function chromiumLaunchOptions() {
  return {
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  };
}
