// The Chinese texts are not part of the download every reader gets: they are fetched from
// zh.txt when a reader chooses Chinese (src/zh_texts.rs). These tests prove the two ways that
// fetch can go: a returning Chinese reader sees Chinese from the first paint, and a reader
// whose fetch fails keeps an English page that says why.

import assert from 'node:assert/strict';
import { appTest } from '../fixtures/test.mjs';
import { eventually, HAS_CHINESE } from '../fixtures/util.mjs';

appTest('a returning Chinese reader gets Chinese from the first paint', async (app) => {
  await app.open({ lang: 'zh' });
  assert.equal((await app.toolbar.lang.textContent()).trim(), 'English', 'the toggle offers the other language');
  const title = await app.page.locator('[data-testid="app"]').getAttribute('lang');
  assert.equal(title, 'zh-CN');
  const verdicts = await app.page.locator('[data-testid="verdicts.panel"]').textContent();
  assert.match(verdicts, HAS_CHINESE, 'the verdict panel is in Chinese');
});

appTest('when the Chinese texts cannot be fetched the page stays English and says why', async (app) => {
  await app.page.route('**/zh.txt', (route) => route.abort('internetdisconnected'));
  await app.open();
  await app.toolbar.lang.click();
  const banner = app.page.locator('[data-testid="banner.texts"]');
  await banner.waitFor();
  assert.match(await banner.textContent(), /Chinese texts could not be loaded .*zh\.txt/);
  assert.equal((await app.toolbar.lang.textContent()).trim(), '中文', 'still English, still offering Chinese');
  assert.equal(await app.page.evaluate(() => localStorage.getItem('vpcplay.lang')), 'en');

  // Once the texts can be had again, the same button works.
  await app.page.unroute('**/zh.txt');
  await app.toolbar.lang.click();
  await eventually(async () => {
    assert.equal((await app.toolbar.lang.textContent()).trim(), 'English');
  });
});
