// Issue 16, "Small and large screens": at 1024×768 nothing is cut off and the side panel folds
// away (remembered for the tab's session); on a tablet (768×1024, touch) palette drags, node
// drags, connectors, pinch zoom and two-finger pan work with the fingers' pointer events.

import assert from 'node:assert/strict';
import { appTest } from '../fixtures/test.mjs';
import { Touch } from '../fixtures/Touch.mjs';
import { centre, eventually } from '../fixtures/util.mjs';

/** Elements that are cut off by the window or by a scrolling ancestor that hides them. */
function cutOff(page, selector) {
  return page.evaluate((selector) => {
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < 0 || r.top < 0 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
        out.push(`${el.getAttribute('data-testid') || el.textContent.trim() || el.outerHTML.slice(0, 60)} at ${[r.left, r.top, r.right, r.bottom].map(Math.round)}`);
      }
    }
    return out;
  }, selector);
}

appTest('at 1024×768 nothing is cut off and the side panel folds away for the session', async (app) => {
  await app.open();
  const page = app.page;
  assert.deepEqual(
    await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]),
    [1024, 768],
    'the page fits the window: no scrolling of the page itself',
  );
  assert.deepEqual(await cutOff(page, '.toolbar button, .toolbar h1'), [], 'every toolbar control in the window');
  assert.deepEqual(await cutOff(page, '.sidebar, .palette, .stage, [data-testid="sidebar.toggle"]'), []);
  // The starter is fitted into the canvas: every node is inside it.
  const stage = await page.locator('.stage').boundingBox();
  const outside = await page.evaluate((s) =>
    [...document.querySelectorAll('[data-testid^="canvas.node."]')]
      .map((el) => [el.getAttribute('data-testid'), el.getBoundingClientRect()])
      .filter(([, r]) => r.left < s.x || r.top < s.y || r.right > s.x + s.width || r.bottom > s.y + s.height)
      .map(([id]) => id), stage);
  assert.deepEqual(outside, [], 'the starter is wholly on the canvas');

  const toggle = page.getByTestId('sidebar.toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await toggle.getAttribute('aria-label'), 'Hide the side panel');
  const before = (await app.canvas.root.boundingBox()).width;
  await toggle.click();
  await eventually(async () => assert.equal(await page.locator('.sidebar').isVisible(), false));
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await toggle.getAttribute('aria-label'), 'Show the side panel');
  await eventually(async () => {
    const after = (await app.canvas.root.boundingBox()).width;
    assert.ok(after >= before + 300, `the canvas takes the room: ${before} → ${after}`);
    // The view was measured again: the viewBox spans the wider canvas at the same zoom.
    const vb = (await app.canvas.root.getAttribute('viewBox')).split(' ').map(Number);
    const zoom = Number((await page.getByTestId('toolbar.zoom-reset').textContent()).replace('%', '')) / 100;
    assert.ok(Math.abs(vb[2] * zoom - after) < 2, `viewBox ${vb} for ${after} px at ${zoom}`);
  });

  // Remembered for this tab's session …
  await app.reload();
  assert.equal(await page.locator('.sidebar').isVisible(), false, 'still folded after a reload');
  await page.getByTestId('sidebar.toggle').click();
  await page.locator('.sidebar').waitFor();
  assert.deepEqual(await cutOff(page, '.sidebar'), []);
  // … and only for it: in Chinese, a fresh tab has it open, and says so in Chinese.
  await page.evaluate(() => sessionStorage.clear());
  await app.open({ lang: 'zh' });
  assert.equal(await page.locator('.sidebar').isVisible(), true);
  await eventually(async () =>
    assert.equal(await page.getByTestId('sidebar.toggle').getAttribute('aria-label'), '隐藏侧边栏'),
  );
  assert.deepEqual(await cutOff(page, '.toolbar button, .toolbar h1'), [], 'the Chinese toolbar fits too');
}, { viewport: { width: 1024, height: 768 } });

appTest('on a tablet, fingers drag from the palette, move nodes, draw connectors, pinch-zoom and pan', async (app) => {
  await app.open();
  const page = app.page;
  const touch = new Touch(page);
  assert.equal(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), true, 'a touch screen');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 768, 'the page fits the tablet');
  // Room for the canvas: the side panel folded away.
  await touch.tap(centre(await page.getByTestId('sidebar.toggle').boundingBox()));
  await eventually(async () => assert.equal(await page.locator('.sidebar').isVisible(), false));

  // Fit the design to the wider canvas, then two fingers spreading apart over public-a zoom in
  // about their midpoint (the first finger lands on the subnet: the pinch takes over from the
  // drag it began, and the subnet stays where it was).
  await touch.tap(centre(await page.getByTestId('toolbar.zoom-reset').boundingBox()));
  const zoom = async () => Number((await page.getByTestId('toolbar.zoom-reset').textContent()).replace('%', ''));
  const z0 = await zoom();
  const subnetBody = page.locator('[data-testid="canvas.node.public-a"] .box-body');
  const subnetAt = [await subnetBody.getAttribute('x'), await subnetBody.getAttribute('y')];
  const mid = centre(await app.canvas.box('public-a'));
  await touch.gesture(
    [{ x: mid.x - 30, y: mid.y }, { x: mid.x + 30, y: mid.y }],
    [{ x: mid.x - 60, y: mid.y }, { x: mid.x + 60, y: mid.y }],
  );
  await eventually(async () => {
    const z = await zoom();
    assert.ok(Math.abs(z / z0 - 2) < 0.1, `zoom doubles with the spread: ${z0}% → ${z}%`);
  });
  const after = centre(await app.canvas.box('public-a'));
  assert.ok(Math.abs(after.x - mid.x) < 3 && Math.abs(after.y - mid.y) < 3, `public-a stays under the fingers: ${JSON.stringify([mid, after])}`);
  assert.deepEqual([await subnetBody.getAttribute('x'), await subnetBody.getAttribute('y')], subnetAt, 'the pinch moved no component');

  // The seed article's fix with fingers: a function and a NAT gateway from the palette …
  const dragIn = async (kind, into, nodeKind) => {
    const before = new Set(await app.canvas.nodeIds(nodeKind));
    const item = app.palette.item(kind);
    await item.scrollIntoViewIfNeeded();
    await touch.drag(centre(await item.boundingBox()), await app.canvas.roomIn(into), { steps: 20 });
    return eventually(async () => {
      const added = (await app.canvas.nodeIds(nodeKind)).filter((id) => !before.has(id));
      assert.equal(added.length, 1, `one ${nodeKind} added by the drag: [${added}]`);
      return added[0];
    });
  };
  const fn = await dragIn('lambda', 'public-a', 'function');
  const nat = await dragIn('nat', 'public-a', 'nat_gateway');
  const reach = () => app.canvas.badge(fn, 'internet').getAttribute('data-reach');
  await eventually(async () => assert.equal(await reach(), 'unreachable'));
  // … a connector from the private subnet to the NAT gateway …
  const arrows = (await app.canvas.routeArrows()).length;
  await touch.drag(centre(await app.canvas.connector('private-a').boundingBox()), await app.canvas.pointOn(nat));
  await eventually(async () => assert.ok((await app.canvas.routeArrows()).length > arrows, 'a route arrow more'));
  // … and the function moved into the private subnet: it reaches the internet (rule L7).
  await touch.drag(await app.canvas.pointOn(fn), await app.canvas.roomIn('private-a'));
  await eventually(async () => assert.equal(await reach(), 'reachable'));

  // Two fingers moving together pan: a node follows them, at the same zoom.
  const z1 = await zoom();
  const at = centre(await app.canvas.box(nat));
  const s = await page.locator('.stage').boundingBox();
  const c = { x: s.x + s.width / 2, y: s.y + s.height / 2 };
  await touch.gesture(
    [{ x: c.x - 50, y: c.y }, { x: c.x + 50, y: c.y }],
    [{ x: c.x - 110, y: c.y - 40 }, { x: c.x - 10, y: c.y - 40 }],
  );
  await eventually(async () => {
    const now = centre(await app.canvas.box(nat));
    assert.ok(Math.abs(now.x - at.x + 60) < 3 && Math.abs(now.y - at.y + 40) < 3, `moved with the fingers: ${JSON.stringify([at, now])}`);
  });
  assert.equal(await zoom(), z1, 'a pan keeps the zoom');
  // Neither gesture moved a component nor changed the design's verdict.
  assert.equal(await reach(), 'reachable');
}, { viewport: { width: 768, height: 1024 }, hasTouch: true });
