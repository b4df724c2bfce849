// Proofs 2, 3 and 4: a Lambda dragged into a public subnet has no internet (rule L6); moved
// into a private subnet routed to a NAT gateway it has, through Lambda → NAT → internet
// gateway; and the explanation reads the same in Chinese.

import assert from 'node:assert/strict';
import { appTest } from '../fixtures/test.mjs';
import { eventually, HAS_CHINESE, UNFILLED_PLACEHOLDER } from '../fixtures/util.mjs';

const AWS_DOCS = /^https:\/\/docs\.aws\.amazon\.com\//;

/** Every text on the card has its arguments filled in: no catalogue "{name}" left over. */
function assertNoPlaceholder(card) {
  const texts = [['sentence', card.text], ...card.hopTexts.map((t, n) => [`explain.hop.${n}`, t])];
  const unfilled = texts
    .map(([where, text]) => [where, text.match(new RegExp(UNFILLED_PLACEHOLDER, 'g'))])
    .filter(([, found]) => found)
    .map(([where, found]) => `${where}: ${found.join(' ')}`);
  assert.deepEqual(unfilled, [], `unfilled catalogue placeholders on the card:\n  ${unfilled.join('\n  ')}`);
}

async function reachOf(app, fn, dest) {
  return app.canvas.badge(fn, dest).getAttribute('data-reach');
}

appTest('a Lambda dragged into the public subnet gets a red internet badge explained by rule L6', async (app) => {
  await app.open();
  const fn = await app.addLambda('public-a');

  await eventually(async () => assert.equal(await reachOf(app, fn, 'internet'), 'unreachable'));

  const card = await app.explain(fn, 'internet');
  assert.equal(card.rule, 'L6', `explanation: ${JSON.stringify(card)}`);
  assert.match(card.href, AWS_DOCS);
  assert.ok(card.text.length > 20, `explanation text: ${card.text}`);
  assertNoPlaceholder(card);
  assert.doesNotMatch(card.text, HAS_CHINESE, 'English by default');
  // The clicked verdict's path is highlighted, starting at the new function, with the
  // blocking hop marked.
  await eventually(async () => {
    const path = await app.canvas.path();
    assert.ok(path[fn], `the function is on the highlighted path: ${JSON.stringify(path)}`);
    assert.ok(Object.values(path).includes('blocked'), `a blocking hop: ${JSON.stringify(path)}`);
  });
});

appTest('moved into a private subnet routed to a NAT gateway, the Lambda reaches the internet via NAT and IGW', async (app) => {
  await app.open();
  const fn = await app.addLambda('public-a');
  await eventually(async () => assert.equal(await reachOf(app, fn, 'internet'), 'unreachable'));

  // Build the NAT set-up through the UI: a NAT gateway in the public subnet, and a route from
  // the private subnet to it drawn as a connector.
  const nat = await app.addNat('public-a');
  await app.canvas.connect('private-a', nat);
  await eventually(async () => {
    const arrows = await app.canvas.routeArrows();
    assert.ok(arrows.length >= 2, `a route arrow for the new route, arrows: [${arrows}]`);
  });

  // Still red: the function is in the public subnet.
  assert.equal(await reachOf(app, fn, 'internet'), 'unreachable');

  const to = await app.canvas.move(fn, 'private-a');
  const box = await app.canvas.box('private-a');
  assert.ok(to.x >= box.x && to.y >= box.y, 'dropped inside private-a');

  await eventually(async () => assert.equal(await reachOf(app, fn, 'internet'), 'reachable'));

  const card = await app.explain(fn, 'internet');
  assert.match(card.href, AWS_DOCS);
  assert.ok(card.hops.length >= 3, `hops: ${JSON.stringify(card.hops)}`);
  assert.ok(card.hops.every((allowed) => allowed === 'true'), `every hop allowed: ${card.hops}`);
  assertNoPlaceholder(card);

  await eventually(async () => {
    const path = await app.canvas.path();
    assert.equal(path[fn], 'allowed', `path: ${JSON.stringify(path)}`);
    assert.equal(path[nat], 'allowed', `path: ${JSON.stringify(path)}`);
    assert.equal(path['main-igw'], 'allowed', `path: ${JSON.stringify(path)}`);
    assert.ok(!Object.values(path).includes('blocked'), `nothing blocks: ${JSON.stringify(path)}`);
  });
});

appTest('switching to 中文 shows the same explanation in Chinese, and the choice persists', async (app) => {
  await app.open();
  const fn = await app.addLambda('public-a');
  const english = await app.explain(fn, 'internet');
  assert.equal(english.rule, 'L6');

  assert.equal((await app.toolbar.lang.textContent()).trim(), '中文', 'the toggle names the language it switches to');
  await app.toolbar.lang.click();

  const chinese = await eventually(async () => {
    const card = await app.card.read();
    assert.match(card.text, HAS_CHINESE, `explanation text: ${card.text}`);
    return card;
  });
  assert.equal(chinese.rule, english.rule, 'same rule');
  assert.equal(chinese.href, english.href, 'same AWS page');
  assert.notEqual(chinese.text, english.text);
  assertNoPlaceholder(chinese);

  // The language and the design survive a reload.
  await app.reload();
  assert.equal((await app.toolbar.lang.textContent()).trim(), 'English');
  const again = await app.explain(fn, 'internet');
  assert.equal(again.text, chinese.text);
});
