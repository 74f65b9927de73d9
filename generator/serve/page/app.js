'use strict';
// The page of `docgen serve`: it only calls the server's API (docs/serve.md).

const $ = (id) => document.getElementById(id);
const CYCLE = '\u0000cycle';  // the kind value of the monitoring cycle: no template has this name
const POLL_MS = 400;

const state = {
  catalogue: null,
  data: null,      // the File of the data
  rules: null,     // the File of the rules, or null
  checked: null,   // the finished check job of the current data and kind
  checkRun: 0,     // increases with each check: an older one's answer is dropped
  job: null,       // the job being made or last made
  pollTimer: null,
};

class ApiError extends Error {
  constructor(message, status) { super(message); this.status = status; }
}

async function call(path, options = {}) {
  let response;
  try {
    response = await fetch(path, options);
  } catch (error) {
    throw new ApiError('Сервер не отвечает: ' + error.message, 0);
  }
  let body = {};
  try { body = await response.json(); } catch (error) { /* no JSON */ }
  if (!response.ok) throw new ApiError(body.error || response.statusText, response.status);
  return body;
}

function banner(text) {
  $('banner').textContent = text || '';
  $('banner').hidden = !text;
}

function setStatus(element, text, kind) {
  element.textContent = text || '';
  element.className = 'status' + (kind ? ' ' + kind : '');
}

function sizeText(bytes) {
  if (bytes < 1024) return bytes + ' Б';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(0) + ' КБ';
  return (bytes / 1024 / 1024).toFixed(1).replace('.', ',') + ' МБ';
}

function currentKind() {
  const value = $('kind').value;
  if (value === CYCLE) return { cycle: true, ...state.catalogue.cycle };
  return state.catalogue.documents.find((kind) => kind.name === value);
}

function showProblems(box, list, problems) {
  list.replaceChildren();
  for (const problem of problems || []) {
    const item = document.createElement('li');
    if (problem.place) {
      const place = document.createElement('code');
      place.className = 'place';
      place.textContent = problem.place;
      item.append(place);
    }
    item.append(document.createTextNode(problem.message));
    list.append(item);
  }
  box.hidden = !problems || problems.length === 0;
}

// --- 1. What to make ---

async function loadCatalogue() {
  try {
    const [catalogue, health] = await Promise.all([call('/api/templates'), call('/api/health')]);
    state.catalogue = catalogue;
    $('version').textContent = health.version;
    const select = $('kind');
    select.replaceChildren();
    for (const kind of catalogue.documents) select.append(new Option(kind.title, kind.name));
    if (catalogue.cycle) select.append(new Option(catalogue.cycle.title, CYCLE));
    kindChanged();
  } catch (error) {
    banner(error.message);
  }
}

function kindChanged() {
  const kind = currentKind();
  $('make').textContent = kind.cycle ? 'Сделать все документы цикла' : 'Сделать документ';
  for (const box of $('formats').querySelectorAll('input')) {
    box.checked = kind.cycle ? (kind.formats || []).includes(box.value) : box.value !== 'txt';
  }
  state.checked = null;
  clearJob();
  fillElements();
  if (state.data) check();
  else updateMake();
}

// What the last job made belongs to the last kind and data: it goes when they change.
function clearJob() {
  if (state.job && (state.job.state === 'queued' || state.job.state === 'running')) return;
  clearTimeout(state.pollTimer);
  state.job = null;
  setStatus($('job'), '');
  $('progress-box').hidden = true;
  $('downloads').replaceChildren();
  showProblems($('job-problems'), $('job-problem-list'), []);
  $('pages').replaceChildren();
  $('preview').hidden = true;
}

// --- 2. Data ---

function dataChosen(file) {
  if (!file) return;
  const limit = state.catalogue ? state.catalogue.max_upload : 0;
  if (limit && file.size > limit) {
    state.data = null;
    $('data-name').textContent = '';
    setStatus($('check'), 'Файл «' + file.name + '» больше допустимого: не более ' + sizeText(limit) + '.', 'bad');
    updateMake();
    return;
  }
  state.data = file;
  $('data-name').textContent = file.name + ' (' + sizeText(file.size) + ')';
  clearJob();
  check();
}

function checkTemplate(kind) {
  return kind.cycle ? kind.check : kind.name;
}

async function check() {
  const run = ++state.checkRun;
  const kind = currentKind();
  state.checked = null;
  showProblems($('problems'), $('problem-list'), []);
  $('notes').hidden = true;
  fillElements();
  setStatus($('check'), 'Данные проверяются…');
  updateMake();
  const form = new FormData();
  form.append('template', checkTemplate(kind));
  form.append('data', state.data, state.data.name);
  if (state.rules) form.append('rules', state.rules, state.rules.name);
  try {
    let job = await call('/api/check?wait=30', { method: 'POST', body: form });
    while (job.state === 'queued' || job.state === 'running') {
      if (run !== state.checkRun) return;
      setStatus($('check'), job.message);
      job = await call(job.url + '?wait=10');
    }
    if (run !== state.checkRun) return;
    banner('');
    if (job.state === 'done') {
      state.checked = job;
      setStatus($('check'), 'Ошибок в данных нет.', 'good');
    } else {
      setStatus($('check'), job.error || job.message, 'bad');
      $('problem-count').textContent = (job.problems || []).length;
      showProblems($('problems'), $('problem-list'), job.problems);
    }
    const notes = job.notes || [];
    $('note-count').textContent = notes.length;
    $('note-list').replaceChildren(...notes.map((note) => {
      const item = document.createElement('li');
      item.textContent = note;
      return item;
    }));
    $('notes').hidden = notes.length === 0;
  } catch (error) {
    if (run !== state.checkRun) return;
    setStatus($('check'), error.message, 'bad');
    if (error.status === 401) banner(error.message);
  }
  fillElements();
  updateMake();
}

// The list of municipalities or schools from the checked data.
function fillElements() {
  const kind = currentKind();
  const elements = (state.checked && state.checked.elements) || [];
  const listed = !kind.cycle && kind.each;
  $('element-box').hidden = !listed || elements.length === 0;
  $('only-box').hidden = !kind.cycle || elements.length === 0;
  if (listed) {
    $('element-label').textContent = kind.each.label;
    renderElements(elements, $('element-filter').value);
  }
  if (kind.cycle) {
    const only = $('only');
    const chosen = only.value;
    only.replaceChildren(new Option('всего региона', ''));
    for (const element of elements) only.append(new Option(element.name, element.id));
    only.value = elements.some((element) => element.id === chosen) ? chosen : '';
  }
}

function renderElements(elements, filter) {
  const select = $('element');
  const chosen = select.value;
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const groups = new Map();
  for (const element of elements) {
    const text = (element.name + ' ' + (element.group || '') + ' ' + element.id).toLowerCase();
    if (!words.every((word) => text.includes(word))) continue;
    const group = element.group || '';
    if (!groups.has(group)) groups.set(group, []);
    groups.get(group).push(element);
  }
  select.replaceChildren();
  for (const [group, members] of groups) {
    const parent = group ? document.createElement('optgroup') : select;
    if (group) { parent.label = group; select.append(parent); }
    for (const element of members) parent.append(new Option(element.name, element.id));
  }
  if ([...select.options].some((option) => option.value === chosen)) select.value = chosen;
  updateMake();
}

// --- 3. The document ---

function chosenFormats() {
  return [...$('formats').querySelectorAll('input:checked')].map((box) => box.value);
}

function updateMake() {
  const kind = state.catalogue && currentKind();
  const busy = state.job && (state.job.state === 'queued' || state.job.state === 'running');
  const ready = kind && state.data && state.checked && chosenFormats().length > 0 &&
    (kind.cycle || !kind.each || $('element').value);
  $('make').disabled = !ready || busy;
  $('cancel').hidden = !busy;
  // Why the button waits, when it does.
  let hint = '';
  if (kind && !busy) {
    if (!state.data) hint = 'Загрузите файл данных.';
    else if (!state.checked) hint = '';
    else if (!kind.cycle && kind.each && !$('element').value) hint = 'Выберите в списке выше: ' + kind.each.label + '.';
    else if (chosenFormats().length === 0) hint = 'Отметьте хотя бы один формат.';
  }
  $('make-hint').textContent = hint;
}

async function make() {
  const kind = currentKind();
  const form = new FormData();
  form.append('data', state.data, state.data.name);
  if (state.rules) form.append('rules', state.rules, state.rules.name);
  form.append('formats', chosenFormats().join(','));
  let path = '/api/batch';
  if (kind.cycle) {
    if ($('only').value) form.append('only', $('only').value);
  } else {
    path = '/api/render';
    form.append('template', kind.name);
    if (kind.each) form.append('element', $('element').value);
    if (chosenFormats().includes('pdf')) form.append('preview', '1');
  }
  $('downloads').replaceChildren();
  showProblems($('job-problems'), $('job-problem-list'), []);
  $('pages').replaceChildren();
  $('preview').hidden = true;
  $('progress-box').hidden = !kind.cycle;
  $('progress').removeAttribute('value');
  $('progress-text').textContent = '';
  setStatus($('job'), 'Данные отправляются…');
  try {
    showJob(await call(path, { method: 'POST', body: form }));
  } catch (error) {
    state.job = null;
    setStatus($('job'), error.message, 'bad');
    $('progress-box').hidden = true;
    updateMake();
  }
}

function showJob(job) {
  state.job = job;
  clearTimeout(state.pollTimer);
  const over = job.state !== 'queued' && job.state !== 'running';
  setStatus($('job'), job.message, job.state === 'done' ? 'good' : job.state === 'failed' ? 'bad' : '');
  if (job.progress) {
    const { done, total } = job.progress;
    if (total > 0) {
      $('progress').max = total;
      $('progress').value = done;
      $('progress-text').textContent = done + ' из ' + total;
    }
  }
  if (job.state === 'queued') $('progress-text').textContent = 'в очереди';
  else if (!job.progress || job.progress.total === 0) $('progress-text').textContent = '';
  updateMake();
  if (!over) {
    state.pollTimer = setTimeout(poll, POLL_MS);
    return;
  }
  $('progress-box').hidden = !(job.kind === 'batch' && job.state === 'done');
  $('job-problems-title').textContent = job.state === 'failed' ? 'Ошибки' : 'Не сделано';
  showProblems($('job-problems'), $('job-problem-list'), job.problems);
  showDownloads(job.files || []);
  showPages(job.pages || []);
}

async function poll() {
  if (!state.job) return;
  try {
    showJob(await call(state.job.url));
  } catch (error) {
    setStatus($('job'), error.message, 'bad');
    state.job = null;
    updateMake();
  }
}

async function cancel() {
  if (!state.job) return;
  clearTimeout(state.pollTimer);
  try {
    const job = await call(state.job.url, { method: 'DELETE' });
    state.job = null;
    setStatus($('job'), job.message || 'Отменено.');
  } catch (error) {
    setStatus($('job'), error.message, 'bad');
  }
  $('progress-box').hidden = true;
  updateMake();
}

const FORMAT_TITLES = { pdf: 'PDF', docx: 'DOCX', txt: 'TXT', zip: 'ZIP' };

function showDownloads(files) {
  $('downloads').replaceChildren(...files.map((file) => {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = file.url;
    link.download = file.name;
    link.dataset.format = file.format;
    link.append('Скачать ' + FORMAT_TITLES[file.format] + ' ');
    const about = document.createElement('small');
    about.textContent = file.name + ', ' + sizeText(file.bytes) + (file.pages ? ', стр.: ' + file.pages : '');
    link.append(about);
    item.append(link);
    return item;
  }));
}

// Each page drawn by docgen as SVG, put into the page as it is, so that it
// uses the fonts the page has loaded.
async function showPages(pages) {
  const box = $('pages');
  box.replaceChildren();
  $('preview').hidden = pages.length === 0;
  const figures = pages.map((page) => {
    const figure = document.createElement('figure');
    const placeholder = document.createElement('div');
    placeholder.className = 'loading';
    figure.addEventListener('click', () => figure.classList.toggle('large'));
    const caption = document.createElement('figcaption');
    caption.textContent = 'Страница ' + page.number + ' из ' + pages.length;
    figure.append(placeholder, caption);
    box.append(figure);
    return figure;
  });
  const job = state.job;
  for (let i = 0; i < pages.length; ++i) {
    if (state.job !== job) return;
    try {
      const response = await fetch(pages[i].url);
      if (!response.ok) throw new Error(response.statusText);
      const svg = new DOMParser().parseFromString(await response.text(), 'image/svg+xml').documentElement;
      if (svg.nodeName !== 'svg') throw new Error('not SVG');
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', 'Страница ' + pages[i].number);
      figures[i].firstChild.replaceWith(document.importNode(svg, true));
    } catch (error) {
      figures[i].firstChild.textContent = 'Страница не загрузилась: ' + error.message;
    }
  }
}

// --- Wiring ---

function wire() {
  $('kind').addEventListener('change', kindChanged);
  $('data-file').addEventListener('change', (event) => dataChosen(event.target.files[0]));
  $('rules-file').addEventListener('change', (event) => {
    state.rules = event.target.files[0] || null;
    if (state.data) check();
  });
  $('element-filter').addEventListener('input', () => fillElements());
  $('element').addEventListener('change', updateMake);
  $('formats').addEventListener('change', updateMake);
  $('make').addEventListener('click', make);
  $('cancel').addEventListener('click', cancel);
  const drop = $('drop');
  for (const name of ['dragenter', 'dragover']) {
    drop.addEventListener(name, (event) => { event.preventDefault(); drop.classList.add('over'); });
  }
  for (const name of ['dragleave', 'drop']) drop.addEventListener(name, () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    dataChosen(event.dataTransfer.files[0]);
  });
  // A file dropped beside the zone is not opened by the browser instead of the page.
  window.addEventListener('dragover', (event) => event.preventDefault());
  window.addEventListener('drop', (event) => event.preventDefault());
}

wire();
loadCatalogue();
