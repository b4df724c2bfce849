// Undo and redo of a move: one drag is one history step.

import assert from 'node:assert/strict';
import { appTest } from '../fixtures/test.mjs';
import { centre, eventually, inside } from '../fixtures/util.mjs';

appTest('undo puts a moved Lambda back where it was and redo moves it again', async (app) => {
  await app.open();
  const start = await app.canvas.box('orders-fn');
  assert.ok(inside(centre(start), await app.canvas.box('public-a')), 'starts in public-a');

  await app.canvas.move('orders-fn', 'private-a');
  const moved = await eventually(async () => {
    const box = await app.canvas.box('orders-fn');
    assert.ok(inside(centre(box), await app.canvas.box('private-a')), 'moved into private-a');
    return box;
  });

  await app.toolbar.undo.click();
  await eventually(async () => assert.deepEqual(await app.canvas.box('orders-fn'), start, 'back where it was'));

  await app.toolbar.redo.click();
  await eventually(async () => assert.deepEqual(await app.canvas.box('orders-fn'), moved, 'moved again'));

  // The keyboard does the same.
  await app.page.keyboard.press('ControlOrMeta+Z');
  await eventually(async () => assert.deepEqual(await app.canvas.box('orders-fn'), start));
});
