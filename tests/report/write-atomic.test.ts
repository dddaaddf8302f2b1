import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Interrupted } from '../../src/parallel/pool.js';
import { OutputError } from '../../src/report/output-dir.js';
import { TEMP_PREFIX, writeOutputs } from '../../src/report/write-atomic.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'visasim-write-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function listAll(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true });
  return entries.map(String).sort();
}

describe('writeOutputs', () => {
  it('writes text and bytes, creating folders, and leaves no temporary files', async () => {
    const out = join(dir, 'output', 'us-300k');
    await writeOutputs(out, [
      { path: 'quantiles.csv', data: 'program,pool\n' },
      { path: 'charts/a.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
      { path: 'charts/a.svg', data: '<svg/>' },
    ]);
    expect(await listAll(out)).toEqual(['charts', 'charts/a.png', 'charts/a.svg', 'quantiles.csv']);
    expect(await readFile(join(out, 'quantiles.csv'), 'utf8')).toBe('program,pool\n');
    expect([...(await readFile(join(out, 'charts/a.png')))]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('replaces files from an earlier run', async () => {
    await writeOutputs(dir, [{ path: 'summary.json', data: 'old' }]);
    await writeOutputs(dir, [{ path: 'summary.json', data: 'new' }]);
    expect(await readFile(join(dir, 'summary.json'), 'utf8')).toBe('new');
    expect(await listAll(dir)).toEqual(['summary.json']);
  });

  it('refuses paths outside the output folder before writing anything', async () => {
    await expect(
      writeOutputs(join(dir, 'out'), [
        { path: 'ok.csv', data: 'x' },
        { path: '../escape.csv', data: 'x' },
      ]),
    ).rejects.toThrow(/inside the output folder/);
    expect(await listAll(dir)).toEqual([]);
  });

  it('refuses the same path twice', async () => {
    await expect(
      writeOutputs(dir, [
        { path: 'a.csv', data: 'x' },
        { path: './a.csv', data: 'y' },
      ]),
    ).rejects.toThrow(/given twice/);
  });

  it('removes its temporary files and renames nothing when a write fails', async () => {
    // "a.csv/b.csv" needs a folder where a file will be: mkdir fails after a.csv's temp file exists
    await writeFile(join(dir, 'blocker'), 'I am a file');
    await expect(
      writeOutputs(dir, [
        { path: 'a.csv', data: 'new a' },
        { path: 'blocker/b.csv', data: 'b' },
      ]),
    ).rejects.toThrow();
    expect(await listAll(dir)).toEqual(['blocker']);
  });

  it('removes the temporary files that were not renamed when a rename fails', async () => {
    await mkdir(join(dir, 'taken.csv', 'inside'), { recursive: true });
    await expect(
      writeOutputs(dir, [
        { path: 'first.csv', data: '1' },
        { path: 'taken.csv', data: 'cannot replace a non-empty folder' },
        { path: 'last.csv', data: '3' },
      ]),
    ).rejects.toThrow();
    const left = await listAll(dir);
    expect(left.filter((f) => f.includes(TEMP_PREFIX))).toEqual([]);
    expect(left).not.toContain('last.csv');
  });

  it('a failed write is an OutputError naming the final path (exit 4), not an internal error', async () => {
    await writeFile(join(dir, 'charts'), 'a file where a folder goes');
    const e = await writeOutputs(dir, [{ path: 'charts/a.svg', data: 'x' }]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OutputError);
    expect((e as OutputError).message).toMatch(/charts/);
  });

  it('an abort before the renames removes its temporary files, renames nothing and rejects Interrupted', async () => {
    await writeOutputs(dir, [{ path: 'a.csv', data: 'old' }]);
    const ac = new AbortController();
    const files = Array.from({ length: 40 }, (_, i) => ({ path: `f${i}.csv`, data: 'new' }));
    const p = writeOutputs(dir, [{ path: 'a.csv', data: 'new' }, ...files], { signal: ac.signal });
    setImmediate(() => ac.abort());
    await expect(p).rejects.toBeInstanceOf(Interrupted);
    expect(await listAll(dir)).toEqual(['a.csv']);
    expect(await readFile(join(dir, 'a.csv'), 'utf8')).toBe('old');
  });

  it('an abort or a failure leaves no folder it made (charts/, deeper ones), but keeps folders that were there', async () => {
    await mkdir(join(dir, 'kept'));
    const ac = new AbortController();
    function* slow() {
      for (let i = 0; ; i++) {
        if (i === 100) ac.abort();
        yield 'x\n';
      }
    }
    await expect(
      writeOutputs(
        dir,
        [
          { path: 'charts/a.svg', data: 's' },
          { path: 'kept/deep/b.csv', data: 'b' },
          { path: 'runs.csv', data: slow },
        ],
        { signal: ac.signal },
      ),
    ).rejects.toBeInstanceOf(Interrupted);
    expect(await listAll(dir)).toEqual(['kept']);
  });

  it('lists the files in the manifest and removes the previous run’s files it did not write again', async () => {
    const manifest = { path: 'manifest.json', data: '{"tool":"visasim"}\n' };
    await writeOutputs(
      dir,
      [manifest, { path: 'report.html', data: 'r' }, { path: 'charts/a.svg', data: 's' }],
      { listIn: 'manifest.json' },
    );
    await writeFile(join(dir, 'notes.txt'), 'not visasim’s');
    expect(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))).toEqual({
      tool: 'visasim',
      outputs: ['manifest.json', 'report.html', 'charts/a.svg'],
    });
    await writeOutputs(dir, [manifest, { path: 'quantiles.csv', data: 'q' }], { listIn: 'manifest.json' });
    expect(await listAll(dir)).toEqual(['manifest.json', 'notes.txt', 'quantiles.csv']);
  });

  it('never follows a listing that points outside the folder', async () => {
    await writeFile(join(dir, 'outside.txt'), 'keep');
    const out = join(dir, 'o');
    await mkdir(out);
    await writeFile(
      join(out, 'manifest.json'),
      JSON.stringify({ outputs: ['../outside.txt', '/etc/hosts'] }),
    );
    await writeOutputs(out, [{ path: 'manifest.json', data: '{}' }], { listIn: 'manifest.json' });
    expect(await readFile(join(dir, 'outside.txt'), 'utf8')).toBe('keep');
  });

  it('writes a streamed file chunk by chunk into its temporary file, text and bytes mixed', async () => {
    const out = join(dir, 'o');
    let seenOnDisk = -1;
    async function* chunks() {
      yield 'run,value\n';
      for (let i = 0; i < 3000; i++) yield `${i},${'x'.repeat(1000)}\n`; // ~3 MB: several writes
      // by now the first megabytes are in the temporary file, not held in memory
      const temps = (await readdir(out)).filter((f) => f.startsWith(`${TEMP_PREFIX}runs.csv`));
      seenOnDisk = temps.length === 1 ? (await readFile(join(out, temps[0] as string))).length : -1;
      yield new Uint8Array([0x65, 0x6e, 0x64, 0x0a]); // 'end\n'
    }
    await writeOutputs(out, [
      { path: 'a.txt', data: 'small' },
      { path: 'runs.csv', data: chunks },
    ]);
    expect(seenOnDisk).toBeGreaterThan(2_000_000);
    const text = await readFile(join(out, 'runs.csv'), 'utf8');
    expect(text.split('\n')).toHaveLength(1 + 3000 + 2);
    expect(text.endsWith('end\n')).toBe(true);
    expect(await listAll(out)).toEqual(['a.txt', 'runs.csv']);
  });

  it('stops a streamed file at Ctrl-C, or when its chunks throw, and leaves no temporary file', async () => {
    const ac = new AbortController();
    function* endless() {
      for (let i = 0; ; i++) {
        if (i === 5000) ac.abort();
        yield `${'y'.repeat(1000)}\n`;
      }
    }
    await expect(
      writeOutputs(dir, [{ path: 'runs.csv', data: endless }], { signal: ac.signal }),
    ).rejects.toBeInstanceOf(Interrupted);
    expect(await listAll(dir)).toEqual([]);
    function* broken() {
      yield 'a\n';
      throw new Error('no more');
    }
    await expect(writeOutputs(dir, [{ path: 'runs.csv', data: broken }])).rejects.toThrow('no more');
    expect(await listAll(dir)).toEqual([]);
  });
});
