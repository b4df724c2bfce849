// Issue 16, "Every script renders": Chinese text stays readable on a machine without a CJK
// font. styles.css lists every platform's CJK fonts, then the app's own two subsets of
// WenQuanYi Micro Hei (www/fonts, scripts/cjk-font): the toggle's "中文" alone, and every other
// character of the Chinese texts. The browser fetches a face only when no installed font has
// the glyphs, and only the faces the page's characters fall in.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appTest } from '../fixtures/test.mjs';
import { accessibleOf } from '../fixtures/axe.mjs';
import { eventually, HAS_CHINESE } from '../fixtures/util.mjs';

/** Whether this machine has a CJK font installed (fontconfig), as Chromium here would use it. */
function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh'], { encoding: 'utf8' }).trim() !== '';
  } catch {
    return true; // no fontconfig: say nothing about what the page fetches
  }
}

/** The font files the page asks for, as they are requested. */
function fontRequests(page) {
  const asked = [];
  page.on('request', (r) => {
    const m = r.url().match(/fonts\/([^/?#]+\.woff2)/);
    if (m) asked.push(m[1]);
  });
  return asked;
}

/** Loads `family` for `text` in the page; returns the faces' statuses. */
const load = (page, family, text) =>
  page.evaluate(
    async ({ family, text }) => (await document.fonts.load(`16px "${family}"`, text)).map((f) => f.status),
    { family, text },
  );

appTest('an English page names the language toggle in both scripts and fetches no Chinese text font', async (app) => {
  const asked = fontRequests(app.page);
  await app.open();
  const toggle = await accessibleOf(app.page, '[data-testid="toolbar.lang"]');
  assert.equal(toggle.name, 'English / 中文');
  assert.equal(await app.page.locator('[data-testid="toolbar.lang"] svg.tool-icon').count(), 1, 'a globe beside the label');
  // The toggle's own face is served and holds its two characters.
  assert.deepEqual(await load(app.page, 'VPC Playground CJK', '中文'), ['loaded']);
  await app.page.evaluate(() => document.fonts.ready);
  assert.ok(!asked.includes('cjk.woff2'), `an English page fetches no Chinese text font: [${asked}]`);
  if (!hasCjkFont()) assert.deepEqual(asked, ['cjk-toggle.woff2'], 'without a CJK font, the toggle font alone');
});

appTest('Chinese text is drawn with a font that has it, also on a machine without a CJK font', async (app) => {
  const asked = fontRequests(app.page);
  await app.open({ lang: 'zh' });
  const panel = app.page.getByTestId('verdicts.panel');
  await eventually(async () => assert.match(await panel.textContent(), HAS_CHINESE));
  const text = await app.page.evaluate(() => document.body.innerText);
  assert.deepEqual(await load(app.page, 'VPC Playground CJK Text', text), ['loaded'], 'the text face is served');
  if (!hasCjkFont()) {
    // Nothing installed has the glyphs: the page fetched the app's faces and draws with them.
    await app.page.evaluate(() => document.fonts.ready);
    assert.ok(asked.includes('cjk.woff2'), `the Chinese text font was fetched: [${asked}]`);
    const faces = await app.page.evaluate(() =>
      [...document.fonts].filter((f) => f.family.includes('VPC Playground CJK')).map((f) => `${f.family}: ${f.status}`),
    );
    assert.deepEqual(faces.sort(), ['VPC Playground CJK Text: loaded', 'VPC Playground CJK: loaded']);
    // Text drawn before the faces arrived is shaped again (index.html's work-around for
    // Chromium, which would otherwise keep drawing it with empty boxes).
    await eventually(async () =>
      assert.ok(Number(await app.page.evaluate(() => document.documentElement.getAttribute('data-font-loads'))) >= 1),
    );
  }
});
