// Issue 18: the drawing follows the model. Membership changed in the inspector is redrawn;
// a security group dropped on a component is attached to it and shows what it guards.

import assert from 'node:assert/strict';
import { appTest } from '../fixtures/test.mjs';
import { centre, eventually, inside } from '../fixtures/util.mjs';

appTest('a function taken out of its VPC and a database given other subnets in the inspector are redrawn where they now are', async (app) => {
  await app.open();
  const inspector = app.page.getByTestId('inspector');

  await app.canvas.select('orders-fn');
  await inspector.getByRole('checkbox', { name: 'Attached to a VPC' }).uncheck();
  await eventually(async () => {
    const fn = centre(await app.canvas.box('orders-fn'));
    assert.ok(!inside(fn, await app.canvas.box('main-vpc')), 'orders-fn is drawn outside main-vpc');
  });
  // Outside any VPC the function reaches the internet through Lambda's own network (L2).
  await eventually(async () =>
    assert.equal(await app.canvas.badge('orders-fn', 'internet').getAttribute('data-reach'), 'reachable'),
  );

  await app.canvas.select('orders-db');
  await inspector.getByRole('checkbox', { name: 'public-b' }).check();
  await inspector.getByRole('checkbox', { name: 'private-a' }).uncheck();
  await inspector.getByRole('checkbox', { name: 'private-b' }).uncheck();
  await eventually(async () => {
    const db = centre(await app.canvas.box('orders-db'));
    assert.ok(inside(db, await app.canvas.box('public-b')), 'orders-db is drawn in public-b');
  });
});

appTest('a security group dropped on the database is attached to it, and selected it shows what it guards', async (app) => {
  await app.open();
  const sg = await app.palette.dragInto('sg', 'private-b', 'security_group');
  const from = await app.canvas.pointOn(sg);
  const to = await app.canvas.pointOn('orders-db');
  await app.canvas.drag(from, to);
  // Attached: the toast says so, and the group stays where it was drawn.
  await eventually(async () => assert.match(await app.page.getByTestId('toast').textContent(), /now also guards orders-db/));
  await eventually(async () => {
    const design = JSON.parse(await app.storedDesign());
    const db = design.document.databases.find((d) => d.id === 'orders-db');
    assert.ok(db.security_groups.includes(sg), JSON.stringify(db.security_groups));
  });
  await app.canvas.select(sg);
  await eventually(async () => assert.equal(await app.page.getByTestId(`canvas.sg-member.${sg}.orders-db`).count(), 1));
  // app-sg guards the function and the database.
  await app.canvas.select('app-sg');
  await eventually(async () => {
    assert.equal(await app.page.getByTestId('canvas.sg-member.app-sg.orders-fn').count(), 1);
    assert.equal(await app.page.getByTestId('canvas.sg-member.app-sg.orders-db').count(), 1);
  });
});
