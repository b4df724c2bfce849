// Measures the README's performance figures on the release build, in Debian's headless
// Chromium on localhost:
//   - navigation → first verdict shown (performance mark `vpcplay:first-verdict`), median of
//     N fresh profiles (cold: nothing cached), and of a reload in each (warm HTTP cache);
//   - on a large design put in localStorage before load: navigation → first verdict; a change
//     (a Lambda dragged to another subnet) → updated badges (from the pointerup event to the
//     `vpcplay:verdicts-updated` mark), median of M; and requestAnimationFrame deltas while
//     dragging a node around (median / p95 / max).
// These are figures for the README, not pass/fail tests.
//
// Usage: node perf/figures.mjs --design FILE [--loads 5] [--changes 10] [--json OUT]

import { readFileSync, writeFileSync } from 'node:fs';
import { launchFresh } from '../fixtures/browser.mjs';
import { startStaticServer } from '../fixtures/server.mjs';
import { App } from '../fixtures/App.mjs';
import { centre } from '../fixtures/util.mjs';

const argv = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const LOADS = Number(opt('--loads', 5));
const CHANGES = Number(opt('--changes', 10));
const designFile = opt('--design');
const jsonOut = opt('--json');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};
const ms = (x) => (x == null ? '—' : `${x.toFixed(1)} ms`);

const markTimes = (page, name) =>
  page.evaluate((n) => performance.getEntriesByName(n).map((m) => m.startTime), name);

/** Navigation → first verdict, read from the app's own mark, on a freshly opened page. */
async function firstVerdict(app) {
  const [t] = await markTimes(app.page, 'vpcplay:first-verdict');
  if (t === undefined) throw new Error('the app set no vpcplay:first-verdict mark');
  return t;
}

async function measureStarterLoads(url) {
  const cold = [];
  const warm = [];
  for (let i = 0; i < LOADS; i++) {
    const b = await launchFresh();
    try {
      const app = new App(b.page, url);
      await app.open();
      cold.push(await firstVerdict(app));
      await app.reload();
      warm.push(await firstVerdict(app));
    } finally {
      await b.close();
    }
  }
  return { cold, warm };
}

/** Smallest component of `kind` on screen whose box contains the centre of component `id`. */
async function containing(page, kind, id) {
  return page.evaluate(({ kind, id }) => {
    const el = document.querySelector(`[data-testid="canvas.node.${CSS.escape(id)}"]`);
    const r = el.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    let best = null;
    for (const s of document.querySelectorAll(`[data-testid^="canvas.node."][data-kind="${kind}"]`)) {
      if (s === el) continue;
      const b = s.getBoundingClientRect();
      if (cx >= b.left && cx <= b.right && cy >= b.top && cy <= b.bottom) {
        const area = b.width * b.height;
        if (!best || area < best.area) best = { id: s.getAttribute('data-testid').slice(12), area };
      }
    }
    return best?.id ?? null;
  }, { kind, id });
}

/**
 * A function visible on screen, the subnet it sits in, and two other visible subnets of the
 * same VPC with room to drop it into (its own subnet is often too crowded to drop back into).
 */
async function pickMove(app) {
  const page = app.page;
  const subnets = await app.canvas.nodeIds('subnet');
  const vpcOf = new Map();
  for (const s of subnets) vpcOf.set(s, await containing(page, 'vpc', s));
  for (const fn of await app.canvas.nodeIds('function')) {
    const from = await app.canvas.pointOn(fn).catch(() => null);
    if (!from) continue;
    const home = await containing(page, 'subnet', fn);
    if (!home) continue;
    const others = [];
    for (const s of subnets) {
      if (s === home || vpcOf.get(s) !== vpcOf.get(home)) continue;
      const p = await app.canvas.roomIn(s).catch(() => null);
      if (p) others.push({ s, d: Math.hypot(p.x - from.x, p.y - from.y) });
    }
    others.sort((a, b) => a.d - b.d);
    if (others.length >= 2) return { fn, home, away: others[0].s, other: others[1].s };
  }
  return null;
}

async function measureLargeDesign(url, design) {
  const loads = [];
  for (let i = 0; i < LOADS; i++) {
    const b = await launchFresh();
    try {
      const app = new App(b.page, url);
      await app.open({ design });
      loads.push(await firstVerdict(app));
    } finally {
      await b.close();
    }
  }
  const b = await launchFresh();
  try {
    const app = new App(b.page, url);
    const page = b.page;
    await app.open({ design });
    const badges = Object.keys(await app.canvas.badges()).length;
    const nodes = (await app.canvas.nodeIds()).length;

    // The app fits a large design to the screen. Zoom in to 100%, as a person editing would;
    // when nothing in view there has room to drop into, step back out until something does.
    const zoomText = page.getByTestId('toolbar.zoom-reset');
    const percent = async () => parseFloat((await zoomText.textContent()).replace(/[^0-9.]/g, '')) || 0;
    for (let i = 0; i < 20 && (await percent()) < 100; i++) await page.getByTestId('toolbar.zoom-in').click();
    let move = await pickMove(app);
    for (let i = 0; !move && i < 8; i++) {
      await page.getByTestId('toolbar.zoom-out').click();
      move = await pickMove(app);
    }
    if (!move) throw new Error('no function and two other subnets of its VPC with room visible together');
    const zoom = await page.getByTestId('toolbar.zoom-reset').textContent().catch(() => '');

    await page.evaluate(() => {
      window.__vpcplayUps = [];
      addEventListener('pointerup', (e) => window.__vpcplayUps.push(e.timeStamp), true);
    });

    const changes = [];
    for (let i = 0; i < CHANGES; i++) {
      const into = i % 2 === 0 ? move.away : move.other;
      const before = (await markTimes(page, 'vpcplay:verdicts-updated')).length;
      await app.canvas.move(move.fn, into);
      await page.waitForFunction(
        (n) => performance.getEntriesByName('vpcplay:verdicts-updated').length > n,
        before,
        { timeout: 10_000 },
      );
      const t = await page.evaluate(() => {
        const up = window.__vpcplayUps.at(-1);
        const mark = performance.getEntriesByName('vpcplay:verdicts-updated').find((m) => m.startTime >= up);
        return mark ? mark.startTime - up : null;
      });
      if (t == null) throw new Error('no vpcplay:verdicts-updated mark after the pointerup of a move');
      const now = await containing(page, 'subnet', move.fn);
      if (now !== into) throw new Error(`the move put ${move.fn} in ${now}, not ${into}`);
      changes.push(t);
    }

    // Frame times while dragging: a slow loop from the function's subnet over the other one
    // and back, one pointer move every ~10 ms, as a hand would.
    const from = await app.canvas.pointOn(move.fn);
    const far = await app.canvas.roomIn(CHANGES % 2 === 0 ? move.away : move.other);
    await page.evaluate(() => {
      window.__vpcplayFrames = [];
      window.__vpcplayRecording = true;
      let last;
      const tick = (t) => {
        if (last !== undefined) window.__vpcplayFrames.push(t - last);
        last = t;
        if (window.__vpcplayRecording) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const STEPS = 90;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    for (let i = 1; i <= STEPS; i++) {
      const a = (i / STEPS) * Math.PI; // out and back along a half sine
      const k = Math.sin(a);
      await page.mouse.move(from.x + (far.x - from.x) * k, from.y + (far.y - from.y) * k + 40 * Math.sin(2 * a));
      await page.waitForTimeout(10);
    }
    await page.mouse.up();
    const frames = await page.evaluate(() => {
      window.__vpcplayRecording = false;
      return window.__vpcplayFrames;
    });
    return { loads, badges, nodes, move, zoom: zoom.trim(), changes, frames };
  } finally {
    await b.close();
  }
}

const server = await startStaticServer();
const results = {};
try {
  process.stderr.write(`figures: ${LOADS} loads of the starter design…\n`);
  results.starter = await measureStarterLoads(server.url);
  if (designFile) {
    const design = readFileSync(designFile, 'utf8');
    const count = JSON.parse(design).document;
    process.stderr.write(`figures: large design ${designFile}…\n`);
    results.large = await measureLargeDesign(server.url, design);
    results.large.components = Object.values(count).filter(Array.isArray).reduce((n, xs) => n + xs.length, 0);
  }
} finally {
  await server.close();
}

const rows = [];
const row = (what, xs, detail) => rows.push([what, ms(median(xs)), detail ?? `min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))}`, String(xs.length)]);
row('navigation → first verdict, starter, fresh profile', results.starter.cold);
row('navigation → first verdict, starter, reload', results.starter.warm);
if (results.large) {
  const L = results.large;
  row(`navigation → first verdict, ${L.components} components`, L.loads,
    `${L.nodes} nodes, ${L.badges} badges; max ${ms(Math.max(...L.loads))}`);
  row(`change → updated badges, ${L.components} components`, L.changes,
    `${L.move.fn}: ${L.move.away} ⇄ ${L.move.other} at ${L.zoom || 'fit'}; max ${ms(Math.max(...L.changes))}`);
  rows.push([`frame time while dragging, ${L.components} components`, ms(median(L.frames)),
    `p95 ${ms(quantile(L.frames, 0.95))}, max ${ms(Math.max(...L.frames))}`, String(L.frames.length)]);
} else {
  rows.push(['large design', 'skipped', 'no --design file given', '0']);
}
const head = ['figure (headless Chromium, localhost, 1280×800)', 'median', 'spread', 'n'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
console.log(line(head));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(results, null, 2) + '\n');
