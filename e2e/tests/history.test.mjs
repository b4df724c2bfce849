// Undo and redo of a move: one drag is one history step.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { appTest } from '../fixtures/test.mjs';
import { centre, eventually, inside } from '../fixtures/util.mjs';

const starter = JSON.parse(readFileSync(new URL('../../designs/starter.json', import.meta.url), 'utf8'));
const xy = (r) => r && { x: r.x, y: r.y };
const START = xy(starter.document.layout['orders-fn']);

async function assertIn(app, subnet) {
  const fn = centre(await app.canvas.box('orders-fn'));
  assert.ok(inside(fn, await app.canvas.box(subnet)), `orders-fn is drawn in ${subnet}`);
}

appTest('undo puts a moved Lambda back where it was and redo moves it again', async (app) => {
  await app.open();
  await assertIn(app, 'public-a');

  await app.canvas.move('orders-fn', 'private-a');
  const moved = await eventually(async () => {
    await assertIn(app, 'private-a');
    const at = xy(await app.storedLayout('orders-fn'));
    assert.notDeepEqual(at, START, 'the move is saved');
    return at;
  });

  await app.toolbar.undo.click();
  await eventually(async () => {
    await assertIn(app, 'public-a');
    assert.deepEqual(xy(await app.storedLayout('orders-fn')), START, 'one undo step restores the position');
  });

  await app.toolbar.redo.click();
  await eventually(async () => {
    await assertIn(app, 'private-a');
    assert.deepEqual(xy(await app.storedLayout('orders-fn')), moved, 'redo repeats the same move');
  });

  // The keyboard does the same.
  await app.page.keyboard.press('ControlOrMeta+Z');
  await eventually(async () => {
    await assertIn(app, 'public-a');
    assert.deepEqual(xy(await app.storedLayout('orders-fn')), START);
  });
});

appTest('arrow keys move the selected function, Shift in bigger steps, in one undo step; with nothing selected they pan', async (app) => {
  await app.open();
  await app.canvas.select('orders-fn');
  const before = START;
  const drawnBefore = centre(await app.canvas.box('orders-fn'));
  await app.page.keyboard.press('ArrowRight');
  await app.page.keyboard.press('ArrowRight');
  await app.page.keyboard.press('Shift+ArrowDown');
  await eventually(async () =>
    assert.deepEqual(xy(await app.storedLayout('orders-fn')), { x: before.x + 20, y: before.y + 50 }),
  );
  const drawn = centre(await app.canvas.box('orders-fn'));
  assert.ok(drawn.x > drawnBefore.x && drawn.y > drawnBefore.y, 'the function is drawn where it moved');
  await assertIn(app, 'public-a');

  await app.toolbar.undo.click();
  await eventually(async () => assert.deepEqual(xy(await app.storedLayout('orders-fn')), before, 'one undo step'));

  // Nothing selected: the arrows pan the view and leave the design alone.
  await app.page.keyboard.press('Escape');
  const vpcBefore = await app.canvas.box('main-vpc');
  await app.page.keyboard.press('ArrowLeft');
  await eventually(async () => assert.notEqual((await app.canvas.box('main-vpc')).x, vpcBefore.x, 'the view pans'));
  assert.deepEqual(xy(await app.storedLayout('orders-fn')), before);
});

appTest('Delete on a focused function gives the focus to its subnet, so the keyboard can go on', async (app) => {
  await app.open();
  await app.canvas.select('orders-fn');
  await app.canvas.node('orders-fn').focus();
  await app.page.keyboard.press('Delete');
  await app.canvas.node('orders-fn').waitFor({ state: 'detached' });
  await eventually(async () =>
    assert.equal(
      await app.page.evaluate(() => document.activeElement?.getAttribute('data-testid')),
      'canvas.node.public-a',
    ),
  );
});
