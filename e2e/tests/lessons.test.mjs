// Proof of the lessons: the public-subnet-trap lesson is completed in the browser with the
// editor's own gestures (move the function into the private subnet, draw the route to the
// NAT gateway), the engine confirms each goal, the success moment appears, and the lesson
// list remembers it after a reload.

import assert from 'node:assert/strict';
import { appTest } from '../fixtures/test.mjs';
import { Lessons } from '../fixtures/Lessons.mjs';
import { App } from '../fixtures/App.mjs';
import { launchFresh } from '../fixtures/browser.mjs';
import { eventually, HAS_CHINESE } from '../fixtures/util.mjs';

const LESSON = 'public-subnet-trap';

appTest('the public-subnet-trap lesson is completed by moving the function and adding the route', async (app) => {
  await app.open();
  const lessons = new Lessons(app.page);

  await lessons.openButton.click();
  await lessons.list.waitFor();
  assert.equal(await lessons.item(LESSON).getAttribute('data-status'), 'todo');
  await lessons.start(LESSON);

  // The lesson's design is on the canvas: the function in the public subnet, no internet.
  await eventually(async () => assert.equal(await app.canvas.badge('orders-fn', 'internet').getAttribute('data-reach'), 'unreachable'));
  const before = await lessons.goals();
  assert.deepEqual(before.map((g) => g.met), [false, true], JSON.stringify(before));
  assert.match(before[0].text, /orders-fn reaches the internet/);

  // Hints come one at a time.
  await lessons.nextHint.click();
  await lessons.hint(0).waitFor();
  assert.equal(await lessons.hint(1).count(), 0);

  // Move the function into the private subnet: still no way out, so the goal stays unmet.
  await app.canvas.move('orders-fn', 'private-a');
  await eventually(async () => {
    const cfg = JSON.parse(await app.storedDesign()).document.functions[0].vpc_config;
    assert.deepEqual(cfg.subnets, ['private-a']);
  });
  assert.equal((await lessons.goals())[0].met, false);
  assert.equal(await lessons.success.count(), 0);

  // Draw the route from the private subnet to the NAT gateway: the engine confirms the goal.
  await app.canvas.connect('private-a', 'main-nat');
  await lessons.success.waitFor();
  assert.deepEqual((await lessons.goals()).map((g) => g.met), [true, true]);
  assert.equal(await app.canvas.badge('orders-fn', 'internet').getAttribute('data-reach'), 'reachable');
  assert.ok((await app.page.getByTestId('lessons.takeaway').textContent()).length > 20);

  // The success moment has the keyboard focus and closes with Escape; the list remembers the
  // lesson as done, also after a reload.
  await eventually(async () =>
    assert.equal(await app.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'lessons.success-close'));
  await app.page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await lessons.success.count(), 0));
  await app.reload();
  await lessons.panel.waitFor();
  assert.equal(await lessons.panel.getAttribute('data-lesson'), LESSON, 'the open lesson survives a reload');
  await lessons.openButton.click();
  await eventually(async () => assert.equal(await lessons.item(LESSON).getAttribute('data-status'), 'done'));
});

appTest('a lesson reads in Chinese, shows its solution as one undoable step, and missions show a score', async (app) => {
  await app.open({ lang: 'zh' });
  const lessons = new Lessons(app.page);
  await lessons.start('nat-in-private-subnet');
  const goals = await lessons.goals();
  assert.match(goals[0].text, HAS_CHINESE);
  assert.equal(goals[0].met, false);

  await lessons.solution.click();
  await lessons.success.waitFor();
  assert.equal((await lessons.goals())[0].met, true);
  await app.page.getByTestId('lessons.success-close').click();
  // Undo brings the starting design back, and the goal is unmet again.
  await app.toolbar.undo.click();
  await eventually(async () => assert.equal((await lessons.goals())[0].met, false));

  await lessons.start('mission-orders-timeout');
  const score = app.page.getByTestId('lessons.score');
  await eventually(async () => assert.match(await score.textContent(), /0\/4/));
  await lessons.nextHint.click();
  await eventually(async () => assert.match(await score.textContent(), /1 条提示/));
});

appTest('a lesson file that cannot be read is reported and the canvas is left alone', async (app) => {
  await app.open();
  const lessons = new Lessons(app.page);
  await app.page.route('**/lessons/two-azs.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: '{"format": "vpc-playground-lesson", "schema_version": 1, "id": "two-azs"}' }));
  const design = await app.storedDesign();
  await lessons.openButton.click();
  await lessons.item('two-azs').click();
  await lessons.error.waitFor();
  assert.match(await lessons.error.textContent(), /missing "title"/);
  assert.equal(await lessons.panel.count(), 0);
  assert.equal(await app.storedDesign(), design, 'the design on the canvas is unchanged');
});

appTest('Save as lesson: mark the start, fix the design, pick a goal, and share the lesson as a file and a link that open', async (app) => {
  await app.open();
  const page = app.page;
  await page.getByTestId('lessons.author-open').click();
  await page.getByTestId('lessons.author.mark-start').click();
  assert.match(await page.getByTestId('lessons.author.start').textContent(), /\d+ components/);

  // The fix: take orders-fn out of the VPC (dropped on empty canvas beside it).
  const vpc = await app.canvas.box('main-vpc');
  await app.canvas.drag(await app.canvas.pointOn('orders-fn'), { x: vpc.x + vpc.width + 30, y: vpc.y + vpc.height - 20 });
  await eventually(async () => assert.equal(await app.canvas.badge('orders-fn', 'internet').getAttribute('data-reach'), 'reachable'));

  await page.getByTestId('lessons.author.title.en').fill('Leave the VPC');
  await page.getByTestId('lessons.author.goal.orders-fn.internet').check();
  await eventually(async () => assert.equal((await page.getByTestId('lessons.author.warnings').textContent()).trim(), ''));

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('lessons.author.export').click()]);
  assert.equal(download.suggestedFilename(), 'leave-the-vpc.json');
  const { readFile } = await import('node:fs/promises');
  const text = await readFile(await download.path(), 'utf8');
  const lesson = JSON.parse(text);
  assert.equal(lesson.format, 'vpc-playground-lesson');
  assert.deepEqual(lesson.goals, [{ type: 'reaches', from: 'orders-fn', to: 'internet' }]);
  assert.deepEqual(lesson.title, { en: 'Leave the VPC', zh: 'Leave the VPC' });
  assert.ok(lesson.document.document.functions[0].vpc_config, 'the start keeps the function in the VPC');
  assert.equal(lesson.solution.document.functions[0].vpc_config ?? null, null, 'the solution is the fixed design');
  await page.getByTestId('lessons.author.status').waitFor();

  // The same lesson travels as a share link: a student opening it in a fresh profile gets
  // the lesson (its start on the canvas, its goal listed), like any design.
  await page.getByTestId('lessons.author.share').click();
  const link = await page.getByTestId('lessons.author.link').inputValue();
  assert.match(link, /#d=2\.[0-9a-f]{8}\./);
  const fresh = await launchFresh();
  try {
    const student = new App(fresh.page, app.url);
    await fresh.page.goto(link);
    await student.ready();
    const theirs = new Lessons(fresh.page);
    await eventually(async () => assert.equal(await theirs.panel.getAttribute('data-lesson'), 'leave-the-vpc'));
    assert.equal((await theirs.goals()).length, 1);
  } finally {
    await fresh.close();
  }

  // The file opens as a lesson (served here in place of a built-in one): its start is on the
  // canvas and its goal is not met yet.
  await page.route('**/lessons/outside-vpc.json', (route) => route.fulfill({ contentType: 'application/json', body: text }));
  const lessons = new Lessons(page);
  await lessons.openButton.click();
  await lessons.item('outside-vpc').click();
  await eventually(async () => assert.equal(await lessons.panel.getAttribute('data-lesson'), 'leave-the-vpc'));
  assert.deepEqual(await lessons.goals(), [{ text: 'orders-fn reaches the internet', met: false }]);
});
