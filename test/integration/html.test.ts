import assert from 'node:assert/strict';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from '../harness.js';
import { chromium, type Browser } from 'playwright-core';
import { loadProject } from '../../src/compose/load.js';
import { buildModel } from '../../src/model/build.js';
import { buildAnalysis, renderHtml } from '../../src/report/index.js';
import { EXAMPLES, ROOT } from '../helpers.js';

/**
 * The HTML report in a real headless Chromium (Debian's package; .ci/run installs it): it renders
 * with no console error, fetches nothing, draws the graph, and a screenshot is kept in test-results/.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUT = path.join(ROOT, 'test-results');
let browser: Browser;

before(async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `no Chromium at ${CHROMIUM}: apt-get install chromium (as .ci/run does), or set CHROMIUM_PATH`,
  );
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});
after(async () => browser?.close());

describe('the HTML report in Chromium', () => {
  for (const [name, profiles, stateful, services] of [
    ['songnodes', ['ops'], 3, 13],
    ['somabrain', [], 4, 7],
  ] as const) {
    it(`${name}: renders without errors, self-contained, graph drawn`, async () => {
      const r = loadProject({ cwd: path.join(EXAMPLES, name), environment: {}, profiles: [...profiles] });
      const html = renderHtml(buildAnalysis(buildModel(r.value.project!).value));
      mkdirSync(OUT, { recursive: true });
      const file = path.join(OUT, `analysis-${name}.html`);
      writeFileSync(file, html);
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        requests.push(url);
        return route.abort();
      });
      await page.goto(`file://${file}`);
      assert.deepEqual(problems, []);
      assert.deepEqual(requests, [], 'the page fetches nothing');
      assert.equal(await page.locator('svg.graph g.node').count(), services);
      assert.equal(await page.locator('svg.graph g.node.stateful').count(), stateful);
      assert.ok((await page.locator('svg.graph path.edge').count()) > 0);
      const box = await page.locator('svg.graph').boundingBox();
      assert.ok(box && box.width > 200 && box.height > 100, 'the graph has a size');
      const shot = path.join(OUT, `analysis-${name}.png`);
      await page.screenshot({ path: shot, fullPage: true });
      assert.ok(statSync(shot).size > 20_000, 'a real screenshot');
      await page.close();
    });
  }
});
