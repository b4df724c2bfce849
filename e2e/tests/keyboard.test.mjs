// Issue 16, "Accessibility": the canvas with the keyboard and a screen reader. Every node is
// reached with Tab and announces its kind, name and (for a function) its verdicts; the focus is
// visible; the change feedback is announced; colour is never the only sign of a verdict.
//
// Expected verdicts of the starter (designs/starter.json), from the rules: orders-fn sits in
// public subnets only, so it has no internet (L6: a function's ENI gets no public address) and
// reaches orders-db in the same VPC (local route, orders-db-sg admits the function's group).

import assert from 'node:assert/strict';
import { appTest } from '../fixtures/test.mjs';
import { accessibleOf } from '../fixtures/axe.mjs';
import { eventually } from '../fixtures/util.mjs';

const focused = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');

/** Presses Tab until the focus is on an element whose test id starts with `prefix`. */
async function tabTo(page, prefix, limit = 200) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const id = await focused(page);
    if (id.startsWith(prefix)) return id;
  }
  throw new Error(`${limit} presses of Tab never reached ${prefix}…`);
}

appTest('Tab reaches every canvas node in turn, each announcing its kind, name and a function its verdicts', async (app) => {
  await app.open();
  const page = app.page;
  const drawn = new Set(await app.canvas.nodeIds());
  assert.ok(drawn.size >= 8, `the starter draws its components: ${[...drawn]}`);

  let id = await tabTo(page, 'canvas.node.');
  const seen = [];
  // Tab goes on from node to node; a function's badges come right after it.
  while (id.startsWith('canvas.node.') || id.startsWith('badge.')) {
    if (id.startsWith('canvas.node.')) seen.push(id.slice('canvas.node.'.length));
    await page.keyboard.press('Tab');
    id = await focused(page);
  }
  assert.deepEqual([...seen].sort(), [...drawn].sort(), 'every node once');

  const fn = await accessibleOf(page, '[data-testid="canvas.node.orders-fn"]');
  assert.equal(fn.role, 'button');
  assert.match(fn.name, /^Lambda function orders-fn\b/, `name: ${fn.name}`);
  assert.match(fn.description, /internet: unreachable/, `description: ${fn.description}`);
  assert.match(fn.description, /orders-db: reachable/, `description: ${fn.description}`);
  const subnet = await accessibleOf(page, '[data-testid="canvas.node.public-a"]');
  assert.match(subnet.name, /^Subnet public-a 10\.0\.\d+\.0\/24\b.*\bpublic$/, `name: ${subnet.name}`);
  const badge = await accessibleOf(page, '[data-testid="badge.orders-fn.internet"]');
  assert.equal(badge.role, 'button');
  assert.match(badge.name, /orders-fn → internet: unreachable/, `badge name: ${badge.name}`);

  // Enter on a focused node selects it, and the inspector shows it.
  await page.getByTestId('canvas.node.orders-fn').focus();
  await page.keyboard.press('Enter');
  await eventually(async () =>
    assert.equal(await page.getByTestId('canvas.node.orders-fn').getAttribute('data-selected'), 'true'),
  );
});

appTest('the keyboard focus is visible on nodes, badges and controls', async (app) => {
  await app.open();
  const page = app.page;
  // Reached with the keyboard (focus-visible applies to keyboard focus).
  await tabTo(page, 'canvas.node.orders-fn');
  const nodeStroke = await page.evaluate(() => {
    const rect = document.querySelector('[data-testid="canvas.node.orders-fn"] .icon rect');
    const s = getComputedStyle(rect);
    return { stroke: s.stroke, width: s.strokeWidth };
  });
  assert.deepEqual(nodeStroke, { stroke: 'rgb(9, 114, 211)', width: '3px' }, 'a focused icon gets the accent outline');
  await page.keyboard.press('Tab');
  assert.match(await focused(page), /^badge\.orders-fn\./);
  const badgeStroke = await page.evaluate(() => getComputedStyle(document.activeElement.querySelector('rect')).strokeWidth);
  assert.equal(badgeStroke, '2.5px', 'a focused badge gets a dark outline');
  // A toolbar button: a ring that shows on the navy bar.
  await page.getByTestId('toolbar.lang').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(ring, 'solid');
});

appTest('a change is announced through a live region that was there before it', async (app) => {
  await app.open();
  const page = app.page;
  const live = page.getByTestId('feedback.live');
  assert.equal(await live.getAttribute('aria-live'), 'polite');
  assert.equal(await live.getAttribute('role'), 'status');
  assert.equal((await live.textContent()).trim(), '', 'nothing to say before a change');

  // Delete the database with the keyboard: the function's path to it closes.
  await tabTo(page, 'canvas.node.orders-db');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Delete');
  await eventually(async () => assert.match(await live.textContent(), /orders-db/));
});

appTest('colour is never the only sign of a verdict: badges and the list carry a symbol', async (app) => {
  await app.open();
  const page = app.page;
  const marks = await page.evaluate(() => ({
    badges: [...document.querySelectorAll('[data-testid^="badge."]')].map((b) => [
      b.getAttribute('data-reach'),
      b.querySelector('.badge-symbol')?.textContent,
    ]),
    list: [...document.querySelectorAll('[data-testid^="verdicts.item."]')].map((v) => [
      v.getAttribute('data-outcome'),
      getComputedStyle(v.querySelector('.dot'), '::after').content,
    ]),
  }));
  const symbol = { reachable: '✓', unreachable: '✕', partial: '◐' };
  assert.ok(marks.badges.length >= 3, `badges: ${JSON.stringify(marks.badges)}`);
  for (const [reach, sym] of marks.badges) assert.equal(sym, symbol[reach], `badge ${reach}`);
  const glyph = { good: '"✓"', bad: '"✕"', mixed: '"◐"' };
  assert.ok(marks.list.length >= 2, `list: ${JSON.stringify(marks.list)}`);
  for (const [outcome, content] of marks.list) assert.equal(content, glyph[outcome], `list item ${outcome}`);
  assert.ok(marks.list.some(([o]) => o === 'good') && marks.list.some(([o]) => o === 'bad'), 'both kinds seen');
});
