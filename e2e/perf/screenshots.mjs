// Takes the README's screenshots from the release build in dist/, in Debian's headless
// Chromium at 1280×800: the first screen a new visitor sees (the starter, its internet verdict
// explained) and an imported Terraform configuration. Not a test: look at the pictures.
//
// Usage (after `trunk build --release`): node perf/screenshots.mjs [--out ../docs]

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launchFresh } from '../fixtures/browser.mjs';
import { startStaticServer } from '../fixtures/server.mjs';
import { App } from '../fixtures/App.mjs';
import { TemplateDialog } from '../fixtures/TemplateDialog.mjs';

const argv = process.argv.slice(2);
const i = argv.indexOf('--out');
const out = i >= 0 ? argv[i + 1] : fileURLToPath(new URL('../../docs/', import.meta.url));

const server = await startStaticServer();
try {
  {
    const { page, close } = await launchFresh();
    const app = new App(page, server.url);
    await app.open();
    await app.explain('orders-fn', 'internet');
    await page.screenshot({ path: `${out}/screenshot.png` });
    await close();
  }
  {
    const { page, close } = await launchFresh();
    const app = new App(page, server.url);
    await app.open();
    const dialog = new TemplateDialog(page);
    await dialog.paste(readFileSync(new URL('../fixtures/terraform/public-subnet.tf', import.meta.url), 'utf8'));
    await dialog.read();
    await dialog.open();
    await app.explain('aws_lambda_function.orders', 'internet');
    await page.screenshot({ path: `${out}/screenshot-terraform.png` });
    await close();
  }
  console.log(`screenshots written to ${out}`);
} finally {
  await server.close();
}
