#!/usr/bin/env node
// The page of `docgen serve` in a real browser: Debian's chromium, headless,
// driven by playwright-core. It opens the page, makes the example region's
// monitoring cycle (file picker, progress bar, ZIP whose manifest's hashes
// are checked), cancels a cycle, makes the order with its page previews,
// drops broken files and reads the places in the error list, and measures
// the first paint. Screenshots are kept in the artefacts folder.
//
// Usage: browser_test.js DOCGEN_BINARY SOURCE_DIR ARTEFACTS_DIR
'use strict';

const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { chromium } = require('playwright-core');

const [docgen, source, artefacts] = process.argv.slice(2);
const CHROMIUM = process.env.DOCGEN_CHROMIUM || '/usr/bin/chromium';
const CYCLE_DATA = path.join(source, 'examples/smolensk-2022/data.json');
const ORDER_DATA = path.join(source, 'examples/order-859/data.json');
const FIRST_PAINT_MS = 200;

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function step(text) {
  console.log('--', text);
}

// The server on a free port, with its jobs in a folder of this test.
async function startServer(scratch) {
  const server = spawn(docgen, ['serve', '--port', '0', '--jobs', '2'], {
    env: { ...process.env, TMPDIR: scratch },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const match = out.match(/(http:\/\/[^\s]+\/)/);
      if (match) resolve(match[1]);
    });
    server.on('exit', (code) => reject(new Error('docgen serve exited with ' + code)));
    setTimeout(() => reject(new Error('docgen serve did not start')), 20000);
  });
  return { server, url };
}

// The entries of a zip archive: name → bytes.
function readZip(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  check(end >= 0, 'the ZIP has no end of central directory');
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; ++i) {
    check(buffer.readUInt32LE(at) === 0x02014b50, 'a broken central directory entry in the ZIP');
    const method = buffer.readUInt16LE(at + 10);
    const stored = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const skip = buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const bytes = buffer.subarray(start, start + stored);
    entries.set(name, method === 8 ? zlib.inflateRawSync(bytes) : bytes);
    at += 46 + nameLength + skip;
  }
  return entries;
}

// A file dropped on the drop zone, as a user drags it from a file manager.
async function dropFile(page, name, text) {
  const transfer = await page.evaluateHandle(([fileName, content]) => {
    const data = new DataTransfer();
    data.items.add(new File([content], fileName, { type: 'application/json' }));
    return data;
  }, [name, text]);
  await page.dispatchEvent('#drop', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: transfer });
}

async function chooseKind(page, title) {
  const value = await page.$eval('#kind', (select, wanted) =>
    [...select.options].find((option) => option.text.startsWith(wanted)).value, title);
  await page.selectOption('#kind', value);
}

async function firstPaint(page, url) {
  let best = Infinity;
  for (let i = 0; i < 5; ++i) {
    await page.goto(url, { waitUntil: 'load' });
    const paint = await (await page.waitForFunction(() => {
      const entry = performance.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint');
      return entry ? entry.startTime : null;
    }, null, { timeout: 10000 })).jsonValue();
    best = Math.min(best, paint);
  }
  return best;
}

async function main() {
  fs.mkdirSync(artefacts, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'docgen-browser-'));
  const { server, url } = await startServer(scratch);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 1000 }, locale: 'ru-RU' });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    step('first paint');
    const paint = await firstPaint(page, url);
    console.log(`first contentful paint: ${paint.toFixed(1)} ms (best of 5)`);
    check(paint < FIRST_PAINT_MS, `the first paint took ${paint} ms, more than ${FIRST_PAINT_MS}`);
    await page.waitForFunction(() => document.querySelectorAll('#kind option').length > 1);
    check((await page.title()).includes('Документы'), 'the page has no Russian title');

    step('the monitoring cycle: upload by the file picker, check, progress, ZIP');
    await chooseKind(page, 'Цикл мониторинга');
    await page.setInputFiles('#data-file', CYCLE_DATA);
    await page.waitForSelector('#check.good', { timeout: 60000 });
    check((await page.textContent('#check')).includes('Ошибок в данных нет'), 'the check does not say the data is fine');
    const municipalities = await page.$$eval('#only option', (options) => options.length);
    check(municipalities === 28, `the municipalities' list has ${municipalities} entries, not 27 and "всего региона"`);
    check(await page.isEnabled('#make'), 'the button to make the cycle stays disabled');
    await page.click('#make');
    await page.waitForSelector('#progress-box:not([hidden])');
    // The bar moves as the batch reports its documents.
    const seen = new Set();
    for (let i = 0; i < 600; ++i) {
      const [value, max, status] = await page.evaluate(() =>
        [document.getElementById('progress').value, document.getElementById('progress').max,
          document.getElementById('job').className]);
      if (max > 1) seen.add(value);
      if (status.includes('good') || status.includes('bad')) break;
      await page.waitForTimeout(100);
    }
    check(await page.$('#job.good'), 'the cycle did not finish: ' + await page.textContent('#job'));
    const [value, max] = await page.$eval('#progress', (bar) => [bar.value, bar.max]);
    check(max === 370 && value === 370, `the progress bar ends at ${value} of ${max}, not 370 of 370`);
    check(seen.size >= 2, `the progress bar showed only ${[...seen].join(', ')} on its way`);
    await page.screenshot({ path: path.join(artefacts, 'cycle.png'), fullPage: true });
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[data-format="zip"]')]);
    check(download.suggestedFilename().endsWith('.zip'), 'the download is no ZIP: ' + download.suggestedFilename());
    const zipPath = path.join(artefacts, 'cycle.zip');
    await download.saveAs(zipPath);
    const entries = readZip(fs.readFileSync(zipPath));
    const manifest = JSON.parse(entries.get('manifest.json').toString('utf8'));
    check(manifest.outputs.length === 740, `the manifest lists ${manifest.outputs.length} outputs, not 740`);
    for (const output of manifest.outputs) {
      const bytes = entries.get(output.path);
      check(bytes, `the ZIP lacks ${output.path}`);
      check(bytes.length === output.bytes, `${output.path}: ${bytes.length} bytes, the manifest says ${output.bytes}`);
      const hash = crypto.createHash('sha256').update(bytes).digest('hex');
      check(hash === output.sha256, `${output.path}: its SHA-256 is not the manifest's`);
    }
    check(entries.size === 741, `the ZIP holds ${entries.size} entries, not the manifest and 740 files`);
    fs.unlinkSync(zipPath);

    step('a cycle cancelled');
    await page.click('#make');
    await page.waitForSelector('#cancel:not([hidden])');
    await page.click('#cancel');
    await page.waitForFunction(() => document.getElementById('job').textContent.includes('Отменено'));
    check(await page.isHidden('#cancel'), 'the cancel button stays after cancelling');

    step('the order: check, make, previews');
    await chooseKind(page, 'Приказ');
    await page.setInputFiles('#data-file', ORDER_DATA);
    await page.waitForSelector('#check.good', { timeout: 60000 });
    await page.click('#make');
    await page.waitForSelector('#job.good', { timeout: 60000 });
    const pdfLink = await page.textContent('a[data-format="pdf"]');
    check(/стр\.: \d+/.test(pdfLink), 'the PDF link gives no page count: ' + pdfLink);
    const pages = Number(pdfLink.match(/стр\.: (\d+)/)[1]);
    await page.waitForFunction((count) => document.querySelectorAll('#pages svg').length === count, pages,
      { timeout: 60000 });
    const captions = await page.$$eval('#pages figcaption', (all) => all.map((c) => c.textContent));
    check(captions[0] === `Страница 1 из ${pages}`, 'the first preview is captioned ' + captions[0]);
    const firstText = await page.$eval('#pages svg', (svg) => svg.textContent);
    check(firstText.includes('П Р И К А З') && firstText.includes('859-ОД'), 'the first preview is not the order\'s first page');
    // The previews are drawn with the served fonts, as the PDF is.
    await page.evaluate(() => document.fonts.ready);
    const fontsLoaded = await page.evaluate(() => [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family));
    check(fontsLoaded.some((family) => family.includes('docgen-serif')), 'the preview font did not load');
    await page.screenshot({ path: path.join(artefacts, 'page.png') });
    const figure = await page.$('#pages figure');
    await figure.scrollIntoViewIfNeeded();
    await figure.screenshot({ path: path.join(artefacts, 'preview.png') });
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('a[data-format="pdf"]')]);
    const pdfPath = path.join(artefacts, 'order.pdf');
    await pdf.saveAs(pdfPath);
    const pdfBytes = fs.readFileSync(pdfPath);
    check(pdfBytes.subarray(0, 5).toString() === '%PDF-' && pdfBytes.toString('latin1').trimEnd().endsWith('%%EOF'),
      'the downloaded PDF is not whole');
    check(pdf.suggestedFilename() === 'Приказ от 18.10.2022 № 859-ОД.pdf', 'the PDF is named ' + pdf.suggestedFilename());
    fs.unlinkSync(pdfPath);

    step('broken files dropped on the page: the error list names the place');
    await dropFile(page, 'broken.json', '{\n  "order": {\n    "title": "x",,\n  }\n}\n');
    await page.waitForSelector('#problems:not([hidden])');
    let places = await page.$$eval('#problem-list .place', (all) => all.map((p) => p.textContent));
    check(places.length === 1 && places[0] === 'broken.json:3:18', 'the syntax error is placed at ' + places.join(', '));
    check((await page.textContent('#data-name')).startsWith('broken.json'), 'the dropped file is not shown');

    await chooseKind(page, 'Аналитическая справка школы');
    const data = JSON.parse(fs.readFileSync(CYCLE_DATA, 'utf8'));
    data.schools[1].pupils = 0;
    delete data.schools[2].isbs;
    await dropFile(page, 'results.json', JSON.stringify(data, null, 1));
    await page.waitForSelector('#problems:not([hidden])', { timeout: 60000 });
    places = await page.$$eval('#problem-list .place', (all) => all.map((p) => p.textContent));
    check(places.includes('schools[1].pupils') && places.includes('schools[2].isbs'),
      'the schema problems are placed at ' + places.join(', '));
    check(await page.isDisabled('#make'), 'a document can be made from data with errors');
    await page.screenshot({ path: path.join(artefacts, 'errors.png') });

    check(pageErrors.length === 0, 'the page threw: ' + pageErrors.join('; '));
    console.log('browser test passed; screenshots in', artefacts);
  } finally {
    await browser.close();
    server.kill('SIGTERM');
    await new Promise((resolve) => server.on('exit', resolve));
    const left = fs.readdirSync(scratch);
    fs.rmSync(scratch, { recursive: true, force: true });
    check(left.length === 0, 'the server left its jobs\' folder behind: ' + left.join(', '));
  }
}

main().catch((error) => {
  console.error('FAILED:', error.message);
  process.exit(1);
});
