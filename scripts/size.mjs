#!/usr/bin/env node
// Download size of the release build: every .wasm, .js and .css file in dist/, raw and
// brotli-compressed (quality 11, as a static host or CDN would serve them).
// Web Workers (Trunk's `data-type="worker"` builds: NAME_loader.js, NAME.js, NAME_bg.wasm) are
// fetched only when their feature is used, so they are listed on their own lines and are not
// part of the page's download total nor of the budget. Other files fetched only when needed
// (ON_DEMAND: the Chinese texts) are listed the same way.
//
// Usage: node scripts/size.mjs [--dist DIR] [--budget KB] [--json]
// With --budget, exits 1 when the brotli total is above KB kilobytes (1 KB = 1,000 bytes).

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const dist = resolve(opt('--dist') ?? join(root, 'dist'));
const budgetKb = opt('--budget') === undefined ? undefined : Number(opt('--budget'));
if (budgetKb !== undefined && !(budgetKb > 0)) {
  console.error('size: --budget needs a number of kilobytes');
  process.exit(2);
}

const KINDS = ['.wasm', '.js', '.css'];
const ON_DEMAND = [
  { file: 'zh.txt', when: 'when a reader chooses Chinese' },
  { file: 'fonts/cjk-toggle.woff2', when: 'when no CJK font is installed' },
  { file: 'fonts/cjk.woff2', when: 'Chinese, when no CJK font is installed' },
];

function* walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
}

let files;
try {
  statSync(join(dist, 'index.html'));
  files = [...walk(dist)].filter((f) => KINDS.includes(extname(f))).sort();
} catch {
  console.error(`size: no release build in ${dist} (run \`trunk build --release\`)`);
  process.exit(2);
}
if (!files.some((f) => f.endsWith('.wasm'))) {
  console.error(`size: no .wasm file in ${dist}`);
  process.exit(2);
}

const brotli = (buf) =>
  brotliCompressSync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;

const measured = files.map((f) => {
  const buf = readFileSync(f);
  return { file: relative(dist, f), kind: extname(f).slice(1), raw: buf.length, brotli: brotli(buf) };
});
// A worker is named by its loader shim; its glue and wasm share the name.
const workerNames = measured.filter((r) => r.file.endsWith('_loader.js')).map((r) => r.file.slice(0, -'_loader.js'.length));
const workerOf = (file) => workerNames.find((n) => file === `${n}.js` || file === `${n}_bg.wasm` || file === `${n}_loader.js`);
const rows = measured.filter((r) => workerOf(r.file) === undefined);
const sumOf = (list) => list.reduce((t, r) => ({ raw: t.raw + r.raw, brotli: t.brotli + r.brotli }), { raw: 0, brotli: 0 });
const total = sumOf(rows);
const workers = workerNames.map((name) => ({ name, ...sumOf(measured.filter((r) => workerOf(r.file) === name)) }));
const onDemand = ON_DEMAND.flatMap(({ file, when }) => {
  try {
    const buf = readFileSync(join(dist, file));
    return [{ file, when, raw: buf.length, brotli: brotli(buf) }];
  } catch {
    return [];
  }
});

if (args.includes('--json')) {
  console.log(JSON.stringify({ files: rows, total, workers, on_demand: onDemand, budget_kb: budgetKb ?? null }, null, 2));
} else {
  const kb = (n) => (n / 1000).toFixed(1).padStart(8) + ' KB';
  const width = Math.max(5, ...rows.map((r) => r.file.length));
  const shown = relative(process.cwd(), dist);
  console.log(`Download size of ${shown === '' ? '.' : shown.startsWith('..') ? dist : shown} (brotli quality 11; 1 KB = 1,000 bytes)`);
  console.log(`  ${'file'.padEnd(width)}  ${'raw'.padStart(11)}  ${'brotli'.padStart(11)}`);
  for (const r of rows) console.log(`  ${r.file.padEnd(width)}  ${kb(r.raw)}  ${kb(r.brotli)}`);
  for (const kind of ['wasm', 'js', 'css']) {
    const of = rows.filter((r) => r.kind === kind);
    if (of.length > 1) {
      const sum = (k) => of.reduce((t, r) => t + r[k], 0);
      console.log(`  ${('all .' + kind).padEnd(width)}  ${kb(sum('raw'))}  ${kb(sum('brotli'))}`);
    }
  }
  console.log(`  ${'total'.padEnd(width)}  ${kb(total.raw)}  ${kb(total.brotli)}`);
  for (const w of workers) {
    const label = `worker ${w.name} (on demand)`;
    console.log(`  ${label.padEnd(width)}  ${kb(w.raw)}  ${kb(w.brotli)}  (not in the total)`);
  }
  for (const r of onDemand) {
    console.log(`  ${(r.file + ' (on demand)').padEnd(width)}  ${kb(r.raw)}  ${kb(r.brotli)}  (not in the total; ${r.when})`);
  }
}

if (budgetKb !== undefined) {
  const limit = budgetKb * 1000;
  if (total.brotli > limit) {
    console.error(
      `size budget exceeded: ${(total.brotli / 1000).toFixed(1)} KB brotli > ${budgetKb} KB ` +
        `(${total.brotli - limit} bytes over)`,
    );
    process.exit(1);
  }
  console.log(`size budget: ${(total.brotli / 1000).toFixed(1)} KB brotli of ${budgetKb} KB (ok)`);
}
