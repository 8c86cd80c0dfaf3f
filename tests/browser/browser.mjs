// Headless Chromium from Debian's package, driven by playwright-core (no
// browser download). Flags from TOOLCHAIN.md: the machine's network is
// closed, so background networking is off. playwright-core gives every
// launch a fresh, empty profile directory of its own.
import { chromium } from "../../cme-wasm/node_modules/playwright-core/index.mjs";

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}
