// Work is never lost and designs travel: autosave across reloads, undo across reloads, My
// designs, JSON import/export (file picker, drop, paste), share links in a fresh profile,
// SVG/PNG pictures, and broken files that change nothing.

import assert from 'node:assert/strict';
import { appTest } from '../fixtures/test.mjs';
import { App } from '../fixtures/App.mjs';
import { launchFresh } from '../fixtures/browser.mjs';
import { Library } from '../fixtures/Library.mjs';
import { centre, eventually, inside } from '../fixtures/util.mjs';

async function isIn(app, id, container) {
  return inside(centre(await app.canvas.box(id)), await app.canvas.box(container));
}

/** Moves the starter's Lambda into the private subnet and waits until that is saved. */
async function moveLambdaToPrivate(app) {
  await app.canvas.move('orders-fn', 'private-a');
  await eventually(async () => assert.ok(await isIn(app, 'orders-fn', 'private-a')));
  return eventually(async () => {
    const saved = await app.storedDesign();
    assert.ok(saved, 'saved');
    const fnIn = JSON.parse(saved).document.functions[0].vpc_config.subnets;
    assert.ok(fnIn.includes('private-a'), `saved in ${fnIn}`);
    return saved;
  });
}

appTest('a design survives a reload unchanged, and undo still works after it', async (app) => {
  await app.open();
  const saved = await moveLambdaToPrivate(app);
  await app.reload();
  assert.ok(await isIn(app, 'orders-fn', 'private-a'), 'the design is as it was');
  assert.equal(await app.storedDesign(), saved, 'the saved copy is byte-for-byte the same');
  await app.toolbar.undo.click();
  await eventually(async () => assert.ok(await isIn(app, 'orders-fn', 'public-a'), 'undo after reload'));
  await app.toolbar.redo.click();
  await eventually(async () => assert.ok(await isIn(app, 'orders-fn', 'private-a'), 'redo after reload'));
});

appTest('a broken or oversized file is refused with its reason and changes nothing', async (app) => {
  const lib = new Library(app.page);
  await app.open();
  await moveLambdaToPrivate(app);
  const before = await lib.storage();

  await lib.importFile({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"document": {"name": "x",}}') });
  await eventually(async () => {
    const text = await lib.banner.textContent();
    assert.match(text, /broken\.json/);
    assert.match(text, /trailing comma \(line 1, column 27\)/);
    assert.match(text, /Your current design is unchanged/);
  });
  assert.deepEqual(await lib.storage(), before, 'storage unchanged');
  assert.ok(await isIn(app, 'orders-fn', 'private-a'), 'the design on screen is unchanged');

  await lib.importFile({ name: 'huge.json', mimeType: 'application/json', buffer: Buffer.alloc(9 * 1024 * 1024, 32) });
  await eventually(async () => assert.match(await lib.banner.textContent(), /huge\.json.*9\.0 MB, more than the 8\.0 MB/));
  assert.deepEqual(await lib.storage(), before, 'storage unchanged');

  // Text that looks like markup or script is shown as text and never runs.
  await app.page.evaluate(() => { window.__ran = false; });
  const evil = '<img src=x onerror="window.__ran=true"><script>window.__ran=true</script>';
  await lib.importFile({ name: `${evil}.json`, mimeType: 'application/json', buffer: Buffer.from(`{"document":{"name":"x",}`) });
  await eventually(async () => assert.ok((await lib.banner.textContent()).includes(evil)));
  assert.equal(await app.page.evaluate(() => window.__ran), false);
  assert.equal(await app.page.locator('[data-testid="banner"] img, [data-testid="banner"] script').count(), 0);
  assert.deepEqual(await lib.storage(), before, 'storage unchanged');
});

appTest('a share link opens the design in a fresh browser as the viewer’s own new copy', async (app) => {
  const lib = new Library(app.page);
  await app.open();
  await moveLambdaToPrivate(app);
  const link = await lib.shareLink();
  assert.match(link, /#d=2\.[0-9a-f]{8}\.[A-Za-z0-9_-]+$/);
  assert.ok(link.length < 8000, `${link.length} characters`);

  // A profile that never opened the playground.
  const fresh = await launchFresh();
  try {
    const first = new App(fresh.page, app.url);
    await fresh.page.goto(link);
    await first.ready();
    await eventually(async () => assert.ok(await isIn(first, 'orders-fn', 'private-a'), 'the shared design is shown'));
  } finally {
    await fresh.close();
  }

  const other = await launchFresh();
  try {
    const viewer = new App(other.page, app.url);
    const vlib = new Library(other.page);
    // The viewer has saved work of their own, which the link must not touch.
    const own = JSON.parse(await app.storedDesign());
    own.document.name = 'My own work';
    own.document.functions = [];
    await viewer.open({ design: JSON.stringify(own) });
    const ownText = await viewer.storedDesign();
    await other.page.goto(link);
    await viewer.ready();
    await eventually(async () => assert.ok(await isIn(viewer, 'orders-fn', 'private-a'), 'the shared design is shown'));
    assert.match(await vlib.banner.textContent(), /Lambda in a public subnet \(shared\)/);
    assert.equal(new URL(other.page.url()).hash, '', 'the fragment is cleared');
    const entries = await vlib.entries();
    assert.deepEqual(entries.map((e) => [e.name, e.current]), [
      ['My own work', false],
      ['Lambda in a public subnet (shared)', true],
    ]);
    const ownKey = entries.find((e) => !e.current).key;
    assert.equal(await viewer.storedDesign({ key: ownKey }), ownText, 'the viewer’s own design is byte-for-byte unchanged');
    // A reload shows the same design and imports nothing again.
    await viewer.reload();
    assert.ok(await isIn(viewer, 'orders-fn', 'private-a'));
    assert.equal((await vlib.entries()).length, 2);

    // A tampered link says so and changes nothing: cut short, or one character changed.
    const before = await vlib.storage();
    await other.page.goto(link.slice(0, link.length - 40));
    await viewer.ready();
    await eventually(async () => assert.match(await vlib.banner.textContent(), /changed or cut short/));
    assert.deepEqual(await vlib.storage(), before);
    const at = link.length - 100;
    const changed = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
    await other.page.goto(changed);
    await viewer.ready();
    await eventually(async () => assert.match(await vlib.banner.textContent(), /changed or cut short/));
    assert.deepEqual(await vlib.storage(), before);
  } finally {
    await other.close();
  }
});

appTest('My designs: new, open, rename, duplicate and delete', async (app) => {
  const lib = new Library(app.page);
  await app.open();
  await moveLambdaToPrivate(app);
  await lib.open();
  await app.page.getByTestId('library.new').click();
  await eventually(async () => assert.deepEqual(await app.canvas.nodeIds(), [], 'a new design is empty'));
  assert.deepEqual((await lib.entries()).map((e) => [e.name, e.current]), [
    ['Lambda in a public subnet', false],
    ['New design', true],
  ]);

  // Rename (the browser asks for the name).
  app.page.once('dialog', (d) => d.accept('Workshop <b>2</b>'));
  await lib.item(1, 'rename').click();
  await eventually(async () => assert.equal((await lib.entries())[1].name, 'Workshop <b>2</b>'));

  // Open the first again: it is as it was left.
  await lib.item(0, 'open').click();
  await eventually(async () => assert.ok(await isIn(app, 'orders-fn', 'private-a')));

  await lib.open();
  await lib.item(0, 'duplicate').click();
  await eventually(async () => assert.deepEqual((await lib.entries()).map((e) => e.name), [
    'Lambda in a public subnet', 'Workshop <b>2</b>', 'Lambda in a public subnet (copy)',
  ]));
  assert.ok(await isIn(app, 'orders-fn', 'private-a'), 'the copy is the same design');

  // Delete asks first; dismissing keeps the design.
  app.page.once('dialog', (d) => d.dismiss());
  await lib.item(1, 'delete').click();
  assert.equal((await lib.entries()).length, 3);
  app.page.once('dialog', (d) => d.accept());
  await lib.item(1, 'delete').click();
  await eventually(async () => assert.deepEqual((await lib.entries()).map((e) => e.name), [
    'Lambda in a public subnet', 'Lambda in a public subnet (copy)',
  ]));
});

appTest('JSON export, paste, drop, and SVG and PNG pictures', async (app) => {
  const lib = new Library(app.page);
  await app.open();
  await moveLambdaToPrivate(app);

  const json = await lib.download('library.export-json');
  assert.equal(json.name, 'Lambda-in-a-public-subnet.vpcplay.json');
  const exported = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(exported.format, 'vpc-playground');
  assert.deepEqual(exported, JSON.parse(await app.storedDesign()));

  // Paste the exported JSON outside any text field: a new design.
  await lib.close();
  exported.document.name = 'Pasted <i>copy</i>';
  await app.page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, JSON.stringify(exported));
  await eventually(async () => assert.match(await lib.banner.textContent(), /“Pasted <i>copy<\/i>” is open as a new design/));

  // Drop a file on the canvas: another new design.
  exported.document.name = 'Dropped';
  await app.page.evaluate((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.json', { type: 'application/json' }));
    const canvas = document.querySelector('[data-testid="canvas"]');
    canvas.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    canvas.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, JSON.stringify(exported));
  await eventually(async () => assert.match(await lib.banner.textContent(), /“Dropped” is open as a new design/));
  assert.deepEqual((await lib.entries()).map((e) => e.name), ['Lambda in a public subnet', 'Pasted <i>copy</i>', 'Dropped']);
  assert.ok(await isIn(app, 'orders-fn', 'private-a'));

  const svg = await lib.download('library.export-svg');
  assert.equal(svg.name, 'Dropped.svg');
  const text = svg.bytes.toString('utf8');
  assert.match(text, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(text, /data-testid="badge\.orders-fn\.internet"/, 'the verdict badges are in the picture');
  assert.match(text, /<style>[^<]*\.box/, 'with the styles it needs');

  const png = await lib.download('library.export-png');
  assert.equal(png.name, 'Dropped.png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const width = png.bytes.readUInt32BE(16);
  assert.ok(width > 400, `${width} pixels wide (twice the design's size)`);
});
