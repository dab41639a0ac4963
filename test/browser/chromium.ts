/// <reference lib="dom" />
// (Code in page.evaluate and its kin runs in the page, where the DOM is.)
// Opens the harness's HTML pages in Debian's headless Chromium, as a reader would.
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.KUBEFLOW_BDD_CHROMIUM ?? '/usr/bin/chromium';
// Root needs --no-sandbox; the rest keep Chromium off a network this machine does not have.
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** A laptop's screen: what "the first screen" means in these tests. */
export const SCREEN = { width: 1366, height: 768 };

export interface OpenedPage {
  page: Page;
  /** Uncaught script errors and console errors of the page. */
  errors: string[];
}

let browser: Browser | undefined;

export async function openPage(file: string): Promise<OpenedPage> {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  const page = await browser.newPage({ viewport: SCREEN });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => document.readyState === 'complete');
  // A link to a scenario's anchor: the page scrolls there once the reporter has laid it out,
  // to its top, or as far as the page goes.
  await page.waitForFunction(() => {
    const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (!location.hash) return true;
    const atBottom = Math.ceil(window.innerHeight + window.scrollY) >= document.documentElement.scrollHeight;
    return target !== null && (Math.abs(target.getBoundingClientRect().top) < 2 || atBottom);
  });
  return { page, errors };
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}
