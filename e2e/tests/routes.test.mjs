// Proof 6: drawing a connector from a private subnet to a NAT gateway adds the route, visible
// in the inspector's route table.

import assert from 'node:assert/strict';
import { appTest } from '../fixtures/test.mjs';
import { eventually } from '../fixtures/util.mjs';

const isDefaultRouteTo = (target) => (row) =>
  row.destination === '0.0.0.0/0' && row.target.includes(target);

appTest('a connector from a private subnet to a NAT gateway adds 0.0.0.0/0 → NAT to its route table', async (app) => {
  await app.open();
  const nat = await app.addNat('public-a');
  await app.canvas.select(nat);
  await app.inspector.name.waitFor();
  const natName = (await app.inspector.name.inputValue().catch(() => null))
    ?? (await app.inspector.name.textContent()).trim();

  await app.canvas.select('private-a');
  await app.inspector.routes.waitFor();
  const before = await app.inspector.routeRows();
  assert.ok(!before.some(isDefaultRouteTo(natName)), `no NAT route yet: ${JSON.stringify(before)}`);
  const arrowsBefore = await app.canvas.routeArrows();

  await app.canvas.connect('private-a', nat);

  await app.canvas.select('private-a');
  const after = await eventually(async () => {
    const rows = await app.inspector.routeRows();
    assert.ok(rows.some(isDefaultRouteTo(natName)), `a 0.0.0.0/0 → ${natName} row: ${JSON.stringify(rows)}`);
    return rows;
  });
  assert.equal(after.length, before.length + 1, 'exactly one route added');
  assert.equal((await app.canvas.routeArrows()).length, arrowsBefore.length + 1, 'and drawn as one arrow');
  // A route to a NAT gateway does not make a subnet public.
  assert.equal(await app.canvas.node('private-a').getAttribute('data-public'), 'false');
});
