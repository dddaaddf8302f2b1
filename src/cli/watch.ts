/**
 * `run --watch` (issue 15): run, then watch every input file (the scenario, the files it extends,
 * its data) with chokidar and run again after a change, so an analyst edits YAML and refreshes
 * report.html. It keeps watching a file that is deleted and recreated (`git checkout`, editors that
 * write a new file), replaced by a rename (atomic saves) or missing for a while (the run fails, the
 * error is printed, and the file is run again when it comes back). A change that arrives during a
 * run is not dropped: when the run ends, it runs once more (once, however many changes came).
 */
import { resolve } from 'node:path';
import { watch as chokidar, type FSWatcher } from 'chokidar';

export interface WatchOptions {
  /** the scenario file: always watched, even when a run fails before it knows the other inputs */
  file: string;
  /**
   * One run: resolves with the input files it read, or undefined when it failed (its error already
   * printed), and rejects only to stop the watch (Ctrl-C during a run, an internal error).
   */
  run: () => Promise<readonly string[] | undefined>;
  /** where the watch says what it does (stderr) */
  log: (line: string) => void;
  /**
   * quiet time after the last change before running again, in ms (an editor's save is several events,
   * a few ms apart; a save by rename is one change to chokidar, `atomic`). Default 50: it is part of
   * the time from save to rewritten report (≤ 0.5 s, issue 13).
   */
  debounceMs?: number;
  /** stop watching when this aborts (Ctrl-C between runs) */
  signal?: AbortSignal;
}

/** Watch and run until `signal` aborts (resolves) or a run rejects (rejects, the watcher closed). */
export async function watchAndRun(opts: WatchOptions): Promise<void> {
  const debounceMs = opts.debounceMs ?? 50;
  const file = resolve(opts.file);
  let watched = new Set<string>([file]);
  const watcher: FSWatcher = chokidar([file], {
    ignoreInitial: true,
    atomic: true, // a file deleted and written again within 100 ms is a change, not unlink + add
  });
  await new Promise<void>((ready) => watcher.once('ready', () => ready()));

  let running = false;
  let again = false; // a change came during the run
  let timer: NodeJS.Timeout | undefined;
  let changed = '';
  let finish: (e?: unknown) => void = () => undefined;
  const done = new Promise<void>((res, rej) => {
    finish = (e?: unknown) => (e === undefined ? res() : rej(e));
  });

  const cycle = async (): Promise<void> => {
    running = true;
    try {
      const inputs = await opts.run();
      // on failure keep watching what the last good run read: the file may come back as it was
      const next = inputs ? new Set([file, ...inputs.map((f) => resolve(f))]) : new Set([...watched, file]);
      const gone = [...watched].filter((f) => !next.has(f));
      const added = [...next].filter((f) => !watched.has(f));
      if (gone.length) watcher.unwatch(gone);
      if (added.length) watcher.add(added);
      watched = next;
    } catch (e) {
      finish(e);
      return;
    } finally {
      running = false;
    }
    if (opts.signal?.aborted) return;
    if (again) {
      again = false;
      schedule(`${changed} changed during the run: running again`);
      return;
    }
    opts.log(`watching ${watched.size} file${watched.size === 1 ? '' : 's'} for changes (Ctrl-C to stop)`);
  };

  /** Run again once no change has come for debounceMs (a run under way defers it to its end). */
  const schedule = (message: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (running) {
        again = true;
        return;
      }
      opts.log(message);
      void cycle();
    }, debounceMs);
  };

  watcher.on('all', (event, path) => {
    if (!['add', 'change', 'unlink'].includes(event) || !watched.has(resolve(path))) return;
    changed = path;
    if (running) again = true;
    else schedule(`${path} ${event === 'unlink' ? 'was removed' : 'changed'}: running again`);
  });
  const stop = () => finish();
  opts.signal?.addEventListener('abort', stop, { once: true });
  if (opts.signal?.aborted) stop();
  else void cycle();
  try {
    await done;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', stop);
    await watcher.close();
  }
}
