import { launchFresh } from './fixtures/browser.mjs';
import { startStaticServer } from './fixtures/server.mjs';
import { App } from './fixtures/App.mjs';
import { readFileSync } from 'node:fs';
const server = await startStaticServer(process.env.VPCPLAY_DIST);
const b = await launchFresh();
const page = b.page;
const app = new App(page, server.url);
await app.open({ design: readFileSync('/tmp/big.json', 'utf8') });
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
const fn = 'v0-fn-00';
const targets = ['v0-private-b', 'v0-private-c'];
// warm up
for (let i = 0; i < 2; i++) { const from = await app.canvas.pointOn(fn); const box = await app.canvas.box(targets[i%2]); await app.canvas.drag(from, { x: box.x + box.width * 0.85, y: box.y + box.height * 0.75 }); await page.waitForTimeout(300); }
await cdp.send('Profiler.start');
for (let i = 0; i < 4; i++) {
  const from = await app.canvas.pointOn(fn); const box = await app.canvas.box(targets[i%2]);
  await app.canvas.drag(from, { x: box.x + box.width * 0.85, y: box.y + box.height * 0.75 }, { steps: 2 });
  await page.waitForTimeout(300);
}
const { profile } = await cdp.send('Profiler.stop');
// self time per function
const self = new Map(); const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; const samples = profile.samples;
for (let i = 0; i < samples.length; i++) { const n = byId.get(samples[i]); const k = n.callFrame.functionName || '(anon)'; self.set(k, (self.get(k) || 0) + (dt[i] || 0)); }
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
for (const [k, v] of rows) console.log((v / 1000).toFixed(1).padStart(8), 'ms', k.slice(0, 150));
await b.close(); await server.close();
