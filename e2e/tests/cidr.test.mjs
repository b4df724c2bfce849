// Proof 5: a malformed CIDR gets an inline error and changes no verdict.

import assert from 'node:assert/strict';
import { appTest } from '../fixtures/test.mjs';
import { eventually, UNFILLED_PLACEHOLDER } from '../fixtures/util.mjs';

appTest('typing a malformed CIDR shows an inline error and leaves every verdict as it was', async (app) => {
  await app.open();
  const badgesBefore = await app.canvas.badges();
  const verdictsBefore = await app.verdicts.items();
  const savedBefore = await app.storedDesign();
  assert.ok(Object.keys(badgesBefore).length > 0, 'the starter shows badges');

  await app.canvas.select('public-a');
  await eventually(async () => assert.equal(await app.inspector.cidr.inputValue(), '10.0.0.0/24'));
  assert.equal(await app.inspector.cidrError.count(), 0, 'no error for a valid CIDR');

  await app.inspector.typeCidr('10.0.0.0/33');

  await app.inspector.cidrError.waitFor();
  const message = (await app.inspector.cidrError.textContent()).trim();
  assert.ok(message.length > 0, 'the error says what is wrong');
  assert.doesNotMatch(message, UNFILLED_PLACEHOLDER);

  // Give a (wrong) re-analysis every chance to land before comparing.
  await app.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.deepEqual(await app.canvas.badges(), badgesBefore, 'every badge unchanged');
  assert.deepEqual(await app.verdicts.items(), verdictsBefore, 'every verdict unchanged');
  assert.equal(await app.storedDesign(), savedBefore, 'the saved design unchanged');
  assert.equal(await app.canvas.node('public-a').getAttribute('data-public'), 'true');

  // Correcting it clears the message.
  await app.inspector.typeCidr('10.0.0.0/24');
  await app.inspector.cidrError.waitFor({ state: 'detached' });
});
