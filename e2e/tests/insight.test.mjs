// Issue 6 proofs: step a packet walk-through to the blocking hop and see it marked; change
// the traffic in the cost panel and see the figure change; an edit is told in one sentence.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { appTest } from '../fixtures/test.mjs';
import { ComparePanel, CostPanel, Feedback, Walk } from '../fixtures/Insight.mjs';
import { eventually, HAS_CHINESE, UNFILLED_PLACEHOLDER } from '../fixtures/util.mjs';
import { Library } from '../fixtures/Library.mjs';

const NAT_DESIGN = new URL(
  '../../crates/vpc-engine/tests/scenarios/lambda_in_private_subnet_with_nat_reaches_internet.json',
  import.meta.url,
);

appTest('walking the starter function to the internet ends on the route table that blocks it', async (app) => {
  await app.open();
  const walk = new Walk(app.page);
  await app.explain('orders-fn', 'internet');
  await walk.start();

  // The first hop: the function's network interface in public-a, ringed on the canvas.
  let step = await walk.current();
  assert.equal(step.index, 0);
  assert.equal(step.allowed, 'true');
  assert.deepEqual(await walk.ringed(), { node: 'public-a', allowed: 'true' });
  assert.doesNotMatch(step.why, UNFILLED_PLACEHOLDER);

  // Step with the buttons until the last hop: it blocks, and says why (rule L6).
  const seen = [step.component];
  while (!(await walk.atEnd())) {
    await walk.next.click();
    step = await walk.current();
    seen.push(step.component);
  }
  assert.equal(step.allowed, 'false', `hops: ${seen}`);
  assert.equal(step.component, 'public-rt');
  assert.match(step.why, /public IPv4|private/, step.why);
  assert.match(step.href, /^https:\/\/docs\.aws\.amazon\.com\//);
  assert.match(await walk.end.textContent(), /Blocked at public-rt/);
  await eventually(async () => assert.deepEqual(await walk.ringed(), { node: 'public-rt', allowed: 'false' }));
  assert.ok(seen.includes('app-sg'), `the security group is a hop: ${seen}`);

  // The keyboard: ← steps back, End returns to the blocking hop, Esc closes the walk.
  await app.page.keyboard.press('ArrowLeft');
  assert.equal((await walk.current()).index, seen.length - 2);
  await app.page.keyboard.press('End');
  assert.equal((await walk.current()).allowed, 'false');
  await app.page.keyboard.press('Escape');
  await walk.root.waitFor({ state: 'detached' });
  assert.equal(await walk.focus.count(), 0);
});

appTest('the database walk comes back through the stateful security group, played and in Chinese', async (app) => {
  await app.open({ lang: 'zh' });
  const walk = new Walk(app.page);
  await app.explain('orders-fn', 'orders-db');
  await walk.start();
  await walk.play.click();
  // Playing advances one hop at a time and stops on the last one: the reply let back in.
  await eventually(async () => assert.ok(await walk.atEnd()), { timeout: 30_000 });
  const step = await walk.current();
  assert.equal(step.allowed, 'true');
  assert.equal(step.component, 'app-sg');
  assert.match(step.why, HAS_CHINESE);
  assert.match(step.why, /有状态/, step.why);
  assert.match(await walk.end.textContent(), /回复/);
  // A NACL on the way back says why it checks the reply again: it is stateless.
  await app.page.locator('.walk-dot.reply').first().click();
  assert.match(await app.page.getByTestId('walk.note').textContent(), /无状态/);
  assert.equal((await walk.current()).allowed, 'true');
});

appTest('changing the traffic in the cost panel changes the monthly figure and the S3 saving', async (app) => {
  await app.open({ design: await readFile(NAT_DESIGN, 'utf8') });
  const cost = new CostPanel(app.page);
  // Two NAT gateways (2 × $32.85) with their addresses (2 × $3.65), 9 destinations × 100 GB
  // through NAT (900 GB × $0.045 = $40.50) and 100 GB out to the internet ($9.00).
  assert.equal(await cost.total.textContent(), '$122.50 per month');
  await cost.open();
  assert.equal(await cost.traffic('s3').inputValue(), '100');
  const s3 = (await cost.alternatives()).find((a) => a.includes('Amazon S3'));
  assert.match(s3, /gateway endpoint for Amazon S3 .* save \$4\.50\/month/);

  // 1000 GB to S3: 1800 GB × $0.045 = $81.00 through NAT; the gateway endpoint saves $45.00.
  await cost.setTraffic('s3', 1000);
  await eventually(async () => assert.equal(await cost.total.textContent(), '$163.00 per month'));
  assert.match((await cost.alternatives())[0], /save \$45\.00\/month/);

  // Bad input is explained and not applied.
  await cost.setTraffic('s3', 'lots');
  await app.page.getByTestId('cost.traffic.s3.error').waitFor();
  assert.equal(await cost.total.textContent(), '$163.00 per month');

  // The assumption is part of the design: it survives a reload.
  await app.reload();
  assert.equal(await cost.total.textContent(), '$163.00 per month');
  await cost.open();
  assert.equal(await cost.traffic('s3').inputValue(), '1000');
});

appTest('an edit is told in one sentence; selecting and undoing behave', async (app) => {
  await app.open();
  const feedback = new Feedback(app.page);
  assert.equal(await feedback.read(), null, 'nothing changed yet');

  // Selecting is not a change.
  await app.canvas.select('orders-db');
  assert.equal(await feedback.read(), null);

  await app.toolbar.delete.click();
  await eventually(async () =>
    assert.equal(await feedback.read(), "This change closed orders-fn's path to orders-db."),
  );
  await feedback.closeButton.click();
  await feedback.root.waitFor({ state: 'detached' });

  await app.toolbar.undo.click();
  await eventually(async () =>
    assert.equal(await feedback.read(), 'This change gave orders-fn a path to orders-db.'),
  );
  // In Chinese, the same change.
  await app.toolbar.lang.click();
  await eventually(async () => assert.match(await feedback.read(), /^这次修改让 orders-fn 可以访问 orders-db。$/));
});

appTest('the compare panel lists the paths an edit closed, and those a design file differs by', async (app) => {
  await app.open();
  const compare = new ComparePanel(app.page);
  await compare.open();
  assert.match(await compare.summary.textContent(), /No path differs/);

  // Against the design as the session began: deleting the database closed one path.
  await app.canvas.select('orders-db');
  await app.toolbar.delete.click();
  await eventually(async () =>
    assert.deepEqual(await compare.items(), [
      { change: 'closed', text: 'closed orders-fn → orders-db · reachable → gone' },
    ]),
  );

  // Against a file: the NAT design's function reaches the internet, this one does not.
  await compare.pickFile('nat.json', await readFile(NAT_DESIGN, 'utf8'));
  await eventually(async () => assert.equal(await compare.with.inputValue(), 'file'));
  const items = await compare.items();
  assert.ok(
    items.some((i) => i.change === 'closed' && i.text.includes('orders-fn → Internet')),
    JSON.stringify(items),
  );

  // A file that is not a design is refused with its reason; the comparison stays.
  await compare.pickFile('notes.txt', 'hello');
  assert.match(await compare.error.textContent(), /notes\.txt cannot be compared: not valid JSON/);
  assert.equal(await compare.with.inputValue(), 'file');
});

appTest('two saved designs compare: the paths one opens that the other does not', async (app) => {
  // A saved design of one's own (the starter: orders-fn in a public subnet, no internet), then
  // the NAT design imported beside it as a second design of "My designs".
  await app.open({ design: await readFile(new URL('../../designs/starter.json', import.meta.url), 'utf8') });
  const library = new Library(app.page);
  await library.importFile({ name: 'nat.json', mimeType: 'application/json', buffer: await readFile(NAT_DESIGN) });
  await eventually(async () => assert.equal((await library.entries()).length, 2));
  await library.close();

  const compare = new ComparePanel(app.page);
  await compare.open();
  const saved = await app.page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="compare.with"] option')].map((o) => [o.value, o.textContent]),
  );
  const other = saved.find(([value]) => value.startsWith('saved:'));
  assert.ok(other, `the other saved design is offered: ${JSON.stringify(saved)}`);
  await compare.with.selectOption(other[0]);
  await eventually(async () => {
    const items = await compare.items();
    assert.ok(
      items.some((i) => i.change === 'opened' && i.text.includes('orders-fn → Internet')),
      JSON.stringify(items),
    );
  });
});

appTest('the internet reaching a database is shown as an exposure, in red with words, and a blocked one as safe', async (app) => {
  const design = await readFile(
    new URL('../../crates/vpc-engine/tests/scenarios/database_subnet_group_and_public_access.json', import.meta.url),
    'utf8',
  );
  await app.open({ design });
  const exposed = app.verdicts.item('internet', 'db-public');
  assert.equal(await exposed.getAttribute('data-reach'), 'reachable');
  assert.equal(await exposed.getAttribute('data-outcome'), 'bad');
  assert.match(await exposed.textContent(), /reachable · ⚠ exposed to the internet/);
  const red = await exposed.locator('.dot').evaluate((el) => getComputedStyle(el).backgroundColor);
  const safe = app.verdicts.item('internet', 'db-public-in-private');
  assert.equal(await safe.getAttribute('data-outcome'), 'good');
  assert.match(await safe.textContent(), /not exposed to the internet/);
  const green = await safe.locator('.dot').evaluate((el) => getComputedStyle(el).backgroundColor);
  // The function reaching the same database is the good outcome, drawn like the safe one.
  const fnToDb = app.verdicts.item('orders-fn', 'db-public');
  assert.equal(await fnToDb.getAttribute('data-outcome'), 'good');
  assert.equal(await fnToDb.locator('.dot').evaluate((el) => getComputedStyle(el).backgroundColor), green);
  assert.notEqual(red, green);

  // The explanation card of the exposure says it too, and is drawn as bad.
  await exposed.click();
  const card = app.page.getByTestId('explain.card');
  await card.waitFor();
  assert.equal(await card.getAttribute('data-outcome'), 'bad');
  assert.match(await app.page.getByTestId('explain.reach').textContent(), /exposed to the internet/);
});
