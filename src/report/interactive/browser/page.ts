/**
 * The report page's own script (bundled by scripts/bundle.mjs into dist/bin/report-page.js and
 * inlined into report.html): wires the controls panel (panel.ts) to a Web Worker that reruns the
 * scenario (worker.ts, inlined as text and started from a Blob URL, so the page stays one offline
 * file), and redraws the header, the lead, every section and every chart with what it returns.
 *
 * State: the values that differ from the file's, as `--set` strings in the URL fragment
 * (fragment.ts). One worker for the page's life, started once the charts are drawn and the page is
 * idle (warmWhenIdle), or sooner when the controls are opened or touched; a control's input waits DEBOUNCE_MS for the next
 * before a rerun is asked; while one runs, only the latest values wait for the next.
 * `document.body.dataset.rerun` counts the reruns drawn (the browser test waits on it) and
 * `data-rerun-ms` holds the last one's time in the worker; `data-warm` appears when the worker's
 * warm-up is over (its time in ms).
 */
import { decodeFragment, encodeFragment, setPath, setsFor, shownValue } from '../fragment.js';
import type { WorkerReply, WorkerRequest } from './protocol.js';

const DEBOUNCE_MS = 250;

interface ChartsHook {
  redraw(names: string[]): Promise<void>;
}

type Field = HTMLInputElement | HTMLSelectElement;

function start(): void {
  const panel = document.getElementById('controls');
  const workerCode = document.getElementById('visasim-worker')?.textContent;
  const manifestText = document.getElementById('visasim-manifest')?.textContent;
  if (!panel || !workerCode || !manifestText) return;
  const status = document.getElementById('controls-status') as HTMLElement;
  const reset = document.getElementById('controls-reset') as HTMLButtonElement;
  const download = document.getElementById('controls-csv') as HTMLButtonElement;
  const header = document.querySelector('header') as HTMLElement;

  // the controls: one per path (a slider's exact-value box is its pair, not another control)
  const fields = [...panel.querySelectorAll<Field>('[data-path]')];
  const primary = fields.filter((f) => !f.classList.contains('exact'));
  const controls = primary.map((f) => ({
    path: f.dataset.path as string,
    value: f.dataset.file as string,
    quote: f.dataset.quote === '1',
  }));
  const known = new Set(controls.map((c) => c.path));
  const byPath = new Map<string, Field[]>();
  for (const f of fields)
    byPath.set(f.dataset.path as string, [...(byPath.get(f.dataset.path as string) ?? []), f]);
  const values = new Map<string, string>();

  // the file's own view, to go back to without a rerun
  const original = {
    title: document.title,
    header: header.innerHTML,
    sections: sectionsHtml(),
    specs: specNames().map((name) => ({ name, text: specElement(name)?.textContent ?? '' })),
  };

  // started when the page is idle after drawing its charts (warmWhenIdle), or when the reader first
  // reaches for the controls or a link carries values, whichever comes first
  let started: Worker | undefined;
  function worker(): Worker {
    if (started) return started;
    const w = new Worker(URL.createObjectURL(new Blob([workerCode as string], { type: 'text/javascript' })));
    w.onmessage = onReply;
    w.onerror = (e) => {
      running = undefined;
      say(`The page could not run the scenario: ${e.message}`, 'error');
    };
    const init: WorkerRequest = { type: 'init', manifest: manifestText as string };
    w.postMessage(init);
    started = w;
    return w;
  }

  let asked = 0;
  let running: number | undefined;
  let waiting = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastCsv: { sets: string; csv: string } | undefined;
  let wantCsv = false;
  let drawn = 0;

  function sectionsHtml(): string {
    let html = '';
    for (let n = panel?.nextElementSibling; n; n = n.nextElementSibling) html += n.outerHTML;
    return html;
  }
  function specNames(): string[] {
    return [...document.querySelectorAll<HTMLScriptElement>('script[id^="spec-"]')].map((s) => s.id.slice(5));
  }
  function specElement(name: string): HTMLScriptElement | null {
    return document.getElementById(`spec-${name}`) as HTMLScriptElement | null;
  }
  function currentSets(): string[] {
    return setsFor(controls, values);
  }
  function say(text: string, kind: '' | 'busy' | 'error' = ''): void {
    status.textContent = text;
    status.className = `controls-status${kind ? ` ${kind}` : ''}`;
  }
  function show(path: string, value: string, except?: Field): void {
    for (const f of byPath.get(path) ?? []) if (f !== except) f.value = value;
    const changed = value !== controls.find((c) => c.path === path)?.value;
    for (const f of byPath.get(path) ?? []) f.closest('.control')?.classList.toggle('changed', changed);
  }
  function setUrl(sets: string[]): void {
    const url = `${location.pathname}${location.search}${encodeFragment(sets)}`;
    history.replaceState(null, '', url);
  }

  function ask(): void {
    if (running !== undefined) {
      waiting = true;
      return;
    }
    const sets = currentSets();
    running = ++asked;
    say(`Running the scenario again (${sets.length} changed value${sets.length === 1 ? '' : 's'})…`, 'busy');
    const req: WorkerRequest = { type: 'run', id: running, sets };
    worker().postMessage(req);
  }

  function schedule(): void {
    const sets = currentSets();
    setUrl(sets);
    reset.disabled = sets.length === 0;
    clearTimeout(timer);
    if (sets.length === 0) {
      // the file's values: its own view, drawn from what the page holds
      waiting = false;
      if (running === undefined) restore();
      return;
    }
    timer = setTimeout(ask, DEBOUNCE_MS);
  }

  function restore(): void {
    document.title = original.title;
    header.innerHTML = original.header;
    replaceSections(original.sections);
    for (const s of original.specs) putSpec(s.name, s.text);
    for (const name of specNames())
      if (!original.specs.some((s) => s.name === name)) specElement(name)?.remove();
    redraw(original.specs.map((s) => s.name)).then(() => say("Showing the scenario file's values."));
  }

  function replaceSections(html: string): void {
    while (panel?.nextElementSibling) panel.nextElementSibling.remove();
    panel?.insertAdjacentHTML('afterend', html);
  }

  function putSpec(name: string, text: string): void {
    let el = specElement(name);
    if (!el) {
      el = document.createElement('script');
      el.type = 'application/json';
      el.id = `spec-${name}`;
      const before = document.querySelector('script[data-library]');
      document.body.insertBefore(el, before);
    }
    el.textContent = text;
  }

  function redraw(names: string[]): Promise<void> {
    const hook = (window as unknown as { visasimCharts?: ChartsHook }).visasimCharts;
    const done = () => {
      drawn++;
      document.body.dataset.rerun = String(drawn);
    };
    return hook ? hook.redraw(names).then(done, done) : Promise.resolve(done());
  }

  function save(text: string, file: string): void {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
    a.download = file;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  function onReply(e: MessageEvent<WorkerReply>): void {
    const reply = e.data;
    if (reply.type === 'warm') {
      document.body.dataset.warm = String(Math.round(reply.ms));
      return;
    }
    if (reply.id !== running) return;
    running = undefined;
    const stale = waiting || reply.sets.join('\n') !== currentSets().join('\n');
    if (reply.type === 'error') {
      say(`These values cannot be run:\n${reply.message}`, 'error');
      wantCsv = false;
    } else {
      lastCsv = { sets: reply.sets.join('\n'), csv: reply.csv };
      if (wantCsv && !stale) {
        wantCsv = false;
        save(reply.csv, 'quantiles.csv');
      }
      if (!stale && reply.sets.length > 0) {
        document.title = reply.title;
        header.innerHTML = reply.header;
        replaceSections(reply.sections);
        for (const c of reply.charts) putSpec(c.name, c.spec);
        for (const name of specNames())
          if (!reply.charts.some((c) => c.name === name)) specElement(name)?.remove();
        document.body.dataset.rerunMs = String(Math.round(reply.ms));
        document.body.dataset.rerunSimulateMs = String(Math.round(reply.simulateMs));
        const n = reply.sets.length;
        redraw(reply.charts.map((c) => c.name)).then(() =>
          say(
            `Showing the scenario with ${n} changed value${n === 1 ? '' : 's'}: ${reply.runs.toLocaleString('en-US')} runs in ${(reply.ms / 1000).toFixed(2)} s.`,
          ),
        );
      } else if (!stale) say("Showing the scenario file's values.");
    }
    if (waiting || stale) {
      waiting = false;
      if (currentSets().length > 0 || wantCsv) ask();
      else restore();
    }
  }
  for (const f of fields) {
    const path = f.dataset.path as string;
    const onValue = (live: boolean) => {
      if (f.value === '' && f instanceof HTMLInputElement && f.type === 'number') return;
      values.set(path, f.value);
      show(path, f.value, f);
      if (!live || f.type === 'range') schedule();
    };
    f.addEventListener('input', () => onValue(f.type !== 'range' && f.tagName !== 'SELECT'));
    f.addEventListener('change', () => onValue(false));
  }

  reset.addEventListener('click', () => {
    values.clear();
    for (const c of controls) show(c.path, c.value);
    schedule();
  });

  download.addEventListener('click', () => {
    const sets = currentSets().join('\n');
    if (lastCsv && lastCsv.sets === sets) {
      save(lastCsv.csv, 'quantiles.csv');
      return;
    }
    wantCsv = true;
    ask();
  });

  function fromFragment(): void {
    const sets = decodeFragment(location.hash).filter((s) => known.has(setPath(s)));
    values.clear();
    for (const c of controls) show(c.path, c.value);
    for (const s of sets) {
      const path = setPath(s);
      const control = controls.find((c) => c.path === path);
      if (!control) continue;
      const value = shownValue(control, s);
      values.set(path, value);
      show(path, value);
    }
    if (sets.length) (document.getElementById('controls-list') as HTMLDetailsElement).open = true;
    schedule();
  }
  // opening the list or touching a control starts the worker, which warms up while the reader reads
  panel.addEventListener('focusin', () => worker());
  document.getElementById('controls-list')?.addEventListener('toggle', () => worker());
  warmWhenIdle(() => worker());
  window.addEventListener('hashchange', fromFragment);
  if (decodeFragment(location.hash).length) fromFragment();
}

/**
 * Calls `begin` once the page has drawn its charts (`data-rendered`) and the main thread is idle,
 * while the page is visible and the reader has not asked to save data: the worker then compiles the
 * engine in the background (≈ 1 s of one core, once per page load) and the reader's first change
 * takes as long as later ones (≈ 0.15 s for 1,000 runs of the 300k scenario) instead of ≈ 0.8 s.
 */
function warmWhenIdle(begin: () => void): void {
  const nav = navigator as Navigator & { connection?: { saveData?: boolean } };
  if (nav.connection?.saveData) return;
  let done = false;
  const go = () => {
    if (done || document.visibilityState !== 'visible') return;
    if (document.body.dataset.rendered === undefined) return;
    done = true;
    observer.disconnect();
    document.removeEventListener('visibilitychange', go);
    const idle = (
      window as Window & { requestIdleCallback?: (cb: () => void, o: { timeout: number }) => number }
    ).requestIdleCallback;
    if (idle) idle(begin, { timeout: 2000 });
    else setTimeout(begin, 300);
  };
  const observer = new MutationObserver(go);
  observer.observe(document.body, { attributes: true, attributeFilter: ['data-rendered'] });
  document.addEventListener('visibilitychange', go);
  go();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
