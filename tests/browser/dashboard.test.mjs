// Browser tests of the dashboard: Debian's chromium driven by playwright-core against a
// `speciosa serve` started here on a free loopback port with a temporary SQLite journal.
// Usage: node tests/browser/dashboard.test.mjs --program build/bin/speciosa [--screenshots DIR]
// The steps share one journal and run in order, as a person would use the page.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArgs } from 'node:util';

const sourceDir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const { chromium } = createRequire(path.join(sourceDir, 'web/package.json'))('playwright-core');

const { values: options } = parseArgs({
  options: {
    program: { type: 'string' },
    screenshots: { type: 'string' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
  },
});
assert.ok(options.program, '--program PATH (the built speciosa) is required');
const program = path.resolve(options.program);
const shotsDir = path.resolve(options.screenshots ?? path.join(path.dirname(program), '..', 'screenshots'));

// Generous for a loaded 2-core machine; a step normally takes well under a second.
const stepTimeoutMs = 15000;

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForHealth(base, child) {
  for (let attempt = 0; attempt < 150; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`speciosa serve exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${base}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('speciosa serve did not answer /api/v1/health');
}

let server;
let serverLog = '';
let browser;
let page;
let base;
let tmpDir;

before(async () => {
  assert.ok(fs.existsSync(path.join(sourceDir, 'web/dist/index.html')), 'web/dist is missing: run `make web` first');
  tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'speciosa-browser-'));
  fs.mkdirSync(shotsDir, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(
    program,
    ['--db', path.join(tmpDir, 'journal.db'), 'serve', '--port', String(port), '--listen', '127.0.0.1'],
    {
      cwd: sourceDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  server.stdout.on('data', (chunk) => (serverLog += chunk));
  server.stderr.on('data', (chunk) => (serverLog += chunk));
  await waitForHealth(base, server);
  browser = await chromium.launch({
    executablePath: options.chromium,
    args: ['--no-sandbox'],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    timezoneId: 'UTC',
    locale: 'en-GB',
  });
  context.setDefaultTimeout(stepTimeoutMs);
  page = await context.newPage();
  page.on('pageerror', (error) => (serverLog += `\n[page error] ${error.message}`));
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
  if (process.exitCode) console.log(`server and page log:\n${serverLog}`);
});

const shot = (name) => page.screenshot({ path: path.join(shotsDir, `${name}.png`), fullPage: true });

/// "YYYY-MM-DDTHH:MM" for `hoursAgo` hours ago in UTC, the person's zone in these tests.
function utcInput(hoursAgo) {
  return new Date(Date.now() - hoursAgo * 3600e3).toISOString().slice(0, 16);
}

test('first visit offers to create a person, then shows the dashboard', async () => {
  await page.goto(base);
  await page.getByRole('heading', { name: 'Start a journal' }).waitFor();
  await shot('01-create-person');
  await page.getByLabel('Name').fill('Ana');
  await page.getByLabel('Weight (kg, optional)').fill('61');
  await page.getByLabel('Time zone').fill('UTC');
  await page.getByLabel('Jurisdiction (optional)').fill('US-AL');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: 'Quick log' }).waitFor();
  await page.locator('#legal-notice').waitFor();
});

test('logging a dose changes the modelled curve', async () => {
  const summary = page.locator('#timeline-summary');
  await assert.doesNotReject(summary.waitFor());
  assert.match(await summary.textContent(), /0 dose\(s\).*mitragynine: 0\.0 ng\/mL/);
  const form = page.locator('#dose-form');
  await form.getByLabel('Amount').fill('2g');
  await form.getByLabel('Product').selectOption('maeng-da');
  await form.getByLabel('Time').fill(utcInput(3));
  await form.getByRole('button', { name: 'Check and log dose' }).click();
  await form.getByText('Safety check for this dose').waitFor();
  const logAnyway = form.getByRole('button', { name: 'Log anyway' });
  if (await logAnyway.isVisible()) await logAnyway.click();
  await form.getByText('Logged 2g maeng-da.').waitFor();
  await page.waitForFunction(() => /1 dose\(s\)/.test(document.querySelector('#timeline-summary')?.textContent ?? ''));
  const peak = Number((await summary.textContent()).match(/mitragynine: ([\d.]+) ng\/mL/)[1]);
  assert.ok(peak > 1, `modelled peak after a 2 g dose should be above 1 ng/mL, was ${peak}`);
  await page.locator('#timeline').screenshot({ path: path.join(shotsDir, '02-timeline-after-dose.png') });
});

test('a rejected dose names the field and is not logged', async () => {
  const form = page.locator('#dose-form');
  await form.getByLabel('Amount').fill('2');
  await form.getByRole('button', { name: 'Check and log dose' }).click();
  await form.getByText(/Not saved\. amount: /).waitFor();
  assert.equal(await form.getByLabel('Amount').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#timeline-summary').textContent(), /1 dose\(s\)/);
});

test('a check-in appears on the timeline', async () => {
  const form = page.locator('#checkin-form');
  await form.getByLabel('Anxiety').fill('7');
  await form.getByLabel('Mood').fill('3');
  await form.getByLabel('Time').fill(utcInput(1));
  await form.getByRole('button', { name: 'Log check-in' }).click();
  await form.getByText('Logged check-in: anxiety 7, mood 3').waitFor();
  await page.waitForFunction(() =>
    /1 check-in\(s\)/.test(document.querySelector('#timeline-summary')?.textContent ?? ''),
  );
});

test('the GAD-7 form shows the score and its band', async () => {
  const form = page.locator('#gad7-form');
  const answers = [0, 1, 2, 1, 0, 3, 1];
  for (const [index, value] of answers.entries()) {
    await form.locator(`input[name="item${index}"][value="${value}"]`).check();
  }
  await form.getByRole('button', { name: 'Save GAD-7' }).click();
  const result = page.locator('#gad7-result');
  await result.waitFor();
  assert.match(await result.textContent(), /GAD-7 score: 8 of 21 — mild/);
  await form.screenshot({ path: path.join(shotsDir, '03-gad7.png') });
});

test('adding a medication raises the interaction alert', async () => {
  const alerts = page.locator('#interaction-alerts');
  await page.getByLabel('Medicine name').fill('sertraline');
  await page.getByLabel('Dose (optional)').fill('50 mg daily');
  await page.getByRole('button', { name: 'Add medication' }).click();
  await alerts.getByText(/Kratom with sertraline/).waitFor();
  assert.match(await alerts.textContent(), /moderate/);
  assert.match(await alerts.textContent(), /Evidence: theoretical/);
  await page.locator('#safety').screenshot({ path: path.join(shotsDir, '04-safety-interaction.png') });
});

test('switching jurisdiction shows the new legal notice', async () => {
  assert.match(await page.locator('#legal-notice').textContent(), /Alabama \(US-AL\).*banned/);
  const form = page.locator('#settings-form');
  await form.getByLabel('Jurisdiction (optional)').fill('TH');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved.').waitFor();
  await page.locator('#legal-notice', { hasText: '(TH)' }).waitFor();
  assert.match(await page.locator('#legal-notice').textContent(), /not legal advice/);
});

test('a red-flag symptom shows urgent guidance', async () => {
  const form = page.locator('#redflag-form');
  await form.getByLabel('chest pain').check();
  await form.getByRole('button', { name: 'Check symptoms' }).click();
  const guidance = page.getByRole('alert').filter({ hasText: 'Get medical help now' });
  await guidance.waitFor();
  assert.match(await guidance.textContent(), /emergency/i);
  await form.screenshot({ path: path.join(shotsDir, '05-red-flag.png') });
});

test('the simulator draws the curves for a regimen', async () => {
  const form = page.locator('#simulator-form');
  await form.getByLabel('Number of doses').fill('3');
  await form.getByRole('button', { name: 'Simulate' }).click();
  const summary = page.locator('#simulation-summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /3 dose\(s\)\. Peak mitragynine [1-9][\d.]* ng\/mL/);
  await page.locator('#simulation-chart canvas').waitFor();
});

test('the cards and the taper plan show their evidence', async () => {
  await page.locator('#card-rebound').waitFor();
  assert.match(await page.locator('#insight').textContent(), /Evidence: observational/);
  const form = page.locator('#taper-form');
  await form.getByRole('button', { name: 'Plan a taper' }).click();
  await form.getByText('Plan ready.').waitFor();
  assert.match(await page.locator('#taper-plan').textContent(), /Evidence: /);
});

test('every form control has a label', async () => {
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('input, select, textarea')]
      .filter((node) => node.type !== 'hidden' && node.labels.length === 0 && !node.getAttribute('aria-label'))
      .map((node) => node.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, []);
  await shot('06-dashboard-desktop');
});

test('at phone width (375 px) nothing scrolls sideways', async () => {
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await page.locator('#timeline-summary').waitFor();
  await page.locator('#timeline-levels canvas').waitFor();
  await shot('07-dashboard-phone');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll('main *')]
      .filter((node) => node.getBoundingClientRect().right > window.innerWidth)
      .slice(0, 5)
      .map((node) => `${node.tagName.toLowerCase()}#${node.id}.${node.className}`),
  );
  assert.ok(overflow <= 0, `the page is ${overflow} px wider than a 375 px screen: ${wide.join(', ')}`);
});
