// Proof 1: the starter design loads with its verdicts shown.

import assert from 'node:assert/strict';
import { appTest } from '../fixtures/test.mjs';

appTest('the starter design loads with its verdicts shown', async (app) => {
  await app.open();

  // The starter's components are drawn.
  for (const id of ['main-vpc', 'public-a', 'private-a', 'main-igw', 'orders-fn', 'orders-db']) {
    assert.ok(await app.canvas.node(id).isVisible(), `canvas.node.${id} should be drawn`);
  }
  assert.equal(await app.canvas.node('public-a').getAttribute('data-public'), 'true');
  assert.equal(await app.canvas.node('private-a').getAttribute('data-public'), 'false');

  // The seed article's starting point: the function in a public subnet reaches its database
  // but not the internet.
  const badges = await app.canvas.badges();
  assert.equal(badges['orders-fn.internet'], 'unreachable', `badges: ${JSON.stringify(badges)}`);
  assert.equal(badges['orders-fn.orders-db'], 'reachable', `badges: ${JSON.stringify(badges)}`);

  // The verdict panel lists the same verdicts.
  const items = await app.verdicts.items();
  assert.equal(items['orders-fn.internet'], 'unreachable', `verdicts: ${JSON.stringify(items)}`);
  assert.equal(items['orders-fn.orders-db'], 'reachable', `verdicts: ${JSON.stringify(items)}`);

  // The app marks when it first showed verdicts (the figures script measures from it).
  const marks = await app.page.evaluate(() =>
    performance.getEntriesByName('vpcplay:first-verdict').map((m) => m.startTime),
  );
  assert.equal(marks.length, 1, 'exactly one vpcplay:first-verdict mark');
});

appTest('the verdict list reads like an answer: the worst first, the service APIs with one cause on one line', async (app) => {
  await app.open();
  const cluster = app.page.locator('[data-testid^="verdicts.cluster.orders-fn."]');
  await cluster.waitFor();
  assert.match(await cluster.locator('summary').textContent(), /\d+ AWS service APIs: unreachable · stopped at public-rt/);
  // Collapsed, its verdicts are there but hidden; opened, each can be read and chosen.
  const s3 = app.verdicts.item('orders-fn', 's3');
  assert.equal(await s3.isVisible(), false);
  await cluster.locator('summary').click();
  await s3.waitFor();
  await s3.click();
  await app.page.getByTestId('explain.card').waitFor();
  // The internet (bad) comes first, the database the function reaches (good) last.
  const order = await app.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid^="verdicts.item.orders-fn."], [data-testid^="verdicts.cluster.orders-fn."]')]
      .filter((el) => !el.closest('details') || el.tagName === 'DETAILS')
      .map((el) => el.getAttribute('data-testid')),
  );
  assert.equal(order[0], 'verdicts.item.orders-fn.internet', JSON.stringify(order));
  assert.equal(order.at(-1), 'verdicts.item.orders-fn.orders-db', JSON.stringify(order));
});
