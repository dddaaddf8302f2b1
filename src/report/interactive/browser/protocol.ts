/** The messages between the report page (page.ts) and its worker (worker.ts). */

export type WorkerRequest =
  /** the file's manifest.json text (with its resolved scenario): sent once */
  { type: 'init'; manifest: string } | { type: 'run'; id: number; sets: string[] };

export type WorkerReply =
  | {
      type: 'done';
      id: number;
      sets: string[];
      runs: number;
      /** the document title, the header's HTML (with the lead), the sections after the controls */
      title: string;
      header: string;
      sections: string;
      /** each chart's vega-lite spec, as JSON text */
      charts: { name: string; spec: string }[];
      /** quantiles.csv */
      csv: string;
      /** the rerun's time in the worker, and of its simulation alone (performance.now) */
      ms: number;
      simulateMs: number;
    }
  | { type: 'error'; id: number; sets: string[]; message: string }
  /** the warm-up is over: the engine's code is compiled, and a rerun now takes its warm time */
  | { type: 'warm'; runs: number; ms: number };
