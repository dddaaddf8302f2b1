import { describe, expect, it } from 'vitest';
import type { ControlGroup } from '../../../src/report/interactive/controls.js';
import { controlsPanel } from '../../../src/report/interactive/panel.js';

const GROUPS: ControlGroup[] = [
  {
    id: 'cap-p',
    kind: 'cap',
    title: 'Program',
    controls: [
      {
        path: 'programs.p.cap',
        label: 'cap',
        kind: 'number',
        value: '300000',
        min: 0,
        max: 600000,
        step: 5000,
      },
    ],
  },
  {
    id: 'split-p-a',
    kind: 'split',
    title: 'A & B',
    controls: [
      {
        path: 'programs.p.pools.a.split.by',
        label: 'split by',
        kind: 'select',
        value: 'pop',
        options: [
          { value: 'pop', label: 'pop' },
          { value: 'enc', label: 'enc' },
        ],
      },
    ],
  },
];

describe('controlsPanel', () => {
  it('labels every control, carries its path and the file value, escapes titles, and starts folded', () => {
    const html = controlsPanel(GROUPS, { runs: 1000, seed: '7', file: 'dir/x.yaml' });
    expect(html).toContain('<details id="controls-list">');
    expect(html).not.toContain('<details id="controls-list" open');
    expect(html).toContain('2 values you can change');
    expect(html).toContain('<legend>A &#38; B</legend>');
    expect(html).toContain('data-path="programs.p.cap" data-file="300000"');
    expect(html).toContain('<option value="pop" selected>');
    expect(html).toContain('visasim run x.yaml --set PATH=VALUE');
    expect(html).toContain('1,000 runs, seed 7');
  });

  it("says when the file ran more runs than the page reruns, and labels the download with the page's runs", () => {
    const same = controlsPanel(GROUPS, { runs: 1000, seed: '7', file: 'x.yaml', fileRuns: 1000 });
    expect(same).toContain('>Download quantiles.csv</button>');
    expect(same).not.toContain("the file's 1,000 runs");
    const more = controlsPanel(GROUPS, { runs: 1000, seed: '7', file: 'x.yaml', fileRuns: 10000 });
    expect(more).toContain('>Download quantiles.csv (1,000 runs)</button>');
    expect(more).toContain("The figures below come from the file's 10,000 runs; the page reruns 1,000");
  });

  it('is empty when nothing can be changed', () => {
    expect(controlsPanel([], { runs: 1000, seed: '7', file: 'x.yaml' })).toBe('');
  });
});
