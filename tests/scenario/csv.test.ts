/**
 * The groups CSV: typed cells, comments and blank lines, quoted cells, the position of every cell,
 * and each problem reported at FILE:LINE:COL.
 */

import { describe, expect, it } from 'vitest';
import { type CsvTable, parseDataCsv, parseGroupsCsv } from '../../src/scenario/csv.js';
import { formatIssue, type ScenarioIssue } from '../../src/scenario/issues.js';
import * as msg from '../../src/scenario/messages.js';
import { fc, test } from '../helpers/prop.js';

const FILE = 'data/groups.csv';

function table(text: string): CsvTable {
  const r = parseGroupsCsv(text, FILE);
  expect(r.issues).toEqual([]);
  if (!r.table) throw new Error('no table');
  return r.table;
}

/** The issues of a CSV that does not parse, as [line, col, message]; the table must be absent. */
function problems(text: string): [number, number, string][] {
  const r = parseGroupsCsv(text, FILE);
  expect(r.table).toBeUndefined();
  for (const i of r.issues) expect([i.file, i.code, i.severity]).toEqual([FILE, 'csv', 'error']);
  return r.issues.map((i) => [i.line, i.col, i.message]);
}

/** Where each cell of a group sits, as line:col. */
const where = (t: CsvTable, id: string) => {
  const p = t.positions.get(id);
  return Object.fromEntries(Object.entries(p?.cells ?? {}).map(([c, at]) => [c, `${at.line}:${at.col}`]));
};

describe('parseGroupsCsv: cells', () => {
  it('reads the header and turns number-like and true/false cells into numbers and booleans', () => {
    const t = table('id,name,population,share,flag,region\nMX,Mexico,128500000,0.25,TRUE,North America\n');
    expect(t.file).toBe(FILE);
    expect(t.columns).toEqual(['id', 'name', 'population', 'share', 'flag', 'region']);
    expect(t.rows).toEqual([
      { id: 'MX', name: 'Mexico', population: 128_500_000, share: 0.25, flag: true, region: 'North America' },
    ]);
  });

  it('takes every decimal number form, and leaves other number-like text as text', () => {
    const t = table(
      'id,name,a,b,c,d,e,f,g,h,i,j,k\nX,Y,-3,+2,.5,1.,1e3,-2.5E-2,0x10,1_000,NaN,Infinity,"1,000"\n',
    );
    expect(t.rows[0]).toEqual({
      id: 'X',
      name: 'Y',
      a: -3,
      b: 2,
      c: 0.5,
      d: 1,
      e: 1000,
      f: -0.025,
      g: '0x10',
      h: '1_000',
      i: 'NaN',
      j: 'Infinity',
      k: '1,000',
    });
  });

  it('reads booleans in any case, and keeps id and name as text whatever they look like', () => {
    const t = table('id,name,a,b,c\n007,true,False,tRUe,yes\n');
    expect(t.rows[0]).toEqual({ id: '007', name: 'true', a: false, b: true, c: 'yes' });
    // outside id and name, leading zeros are lost: a code column needs letters or quotes
    expect(table('id,name,code\nX,Y,007\n').rows[0]?.code).toBe(7);
  });

  it('leaves an empty cell out of its row, quoted or not', () => {
    const t = table('id,name,population,region\nMX,Mexico,,North\nGT,Guatemala,17,""\n');
    expect(t.rows).toEqual([
      { id: 'MX', name: 'Mexico', region: 'North' },
      { id: 'GT', name: 'Guatemala', population: 17 },
    ]);
    expect(t.rows[0]).not.toHaveProperty('population');
  });

  it('trims cells and headers, and keeps commas, quotes and line breaks inside quoted cells', () => {
    const t = table('id , name , note\n MX ,  Mexico , " a, ""b"" " \nGT,"Guate\nmala",x\n');
    expect(t.columns).toEqual(['id', 'name', 'note']);
    // spaces inside the quotes are part of the cell
    expect(t.rows).toEqual([
      { id: 'MX', name: 'Mexico', note: ' a, "b" ' },
      { id: 'GT', name: 'Guate\nmala', note: 'x' },
    ]);
  });

  it('skips comment lines and blank lines, but keeps # inside a cell', () => {
    const t = table('# groups\n\nid,name,note\n# the first\nMX,Mexico,#1\n\n   \nGT,Gu#atemala,2\n# end\n');
    expect(t.rows).toEqual([
      { id: 'MX', name: 'Mexico', note: '#1' },
      { id: 'GT', name: 'Gu#atemala', note: 2 },
    ]);
  });

  it('accepts a header with no rows, and keeps a column named __proto__ as an ordinary cell', () => {
    expect(table('id,name,population\n').rows).toEqual([]);
    const [row] = table('id,name,__proto__\nMX,Mexico,5\n').rows;
    expect(Object.hasOwn(row ?? {}, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });
});

describe('parseGroupsCsv: positions', () => {
  it('records the line and the starting column of every cell', () => {
    const t = table('id,name,population,flag\nMX,Mexico,12.5,true\nGT,"Guate, Rep.",-1e3,false\n');
    expect(where(t, 'MX')).toEqual({ id: '2:1', name: '2:4', population: '2:11', flag: '2:16' });
    // a quoted cell starts at its opening quote
    expect(where(t, 'GT')).toEqual({ id: '3:1', name: '3:4', population: '3:18', flag: '3:23' });
    expect(t.lines[1]).toBe('MX,Mexico,12.5,true');
  });

  it('counts comment lines, blank lines and line breaks inside quoted cells', () => {
    const t = table('# c\n\nid,name,x\nMX,"Mex\nico",5\n# mid\n\nGT,Guatemala,6\n');
    expect(where(t, 'MX')).toMatchObject({ id: '4:1', name: '4:4' });
    expect(where(t, 'GT')).toEqual({ id: '8:1', name: '8:4', x: '8:14' });
  });

  it('places cells the same with a byte-order mark and with CRLF line ends', () => {
    const lf = table('id,name,x\nMX,Mexico,1\n\nGT,Guatemala,2\n');
    expect(where(lf, 'GT')).toEqual({ id: '4:1', name: '4:4', x: '4:14' });
    const bom = table('\uFEFFid,name,x\nMX,Mexico,1\n\nGT,Guatemala,2\n');
    expect(bom.columns).toEqual(['id', 'name', 'x']);
    expect(bom.rows).toEqual(lf.rows);
    expect([...bom.positions]).toEqual([...lf.positions]);
    const crlf = table('id,name,x\r\nMX,Mexico,1\r\nGT,Guatemala,2\r\n');
    expect(crlf.rows).toEqual(lf.rows);
    expect(where(crlf, 'GT')).toEqual({ id: '3:1', name: '3:4', x: '3:14' });
  });

  it('places cells after a blank or comment line in a CRLF file', () => {
    const blank = table('id,name,x\r\nMX,Mexico,1\r\n\r\nGT,Guatemala,2\r\n');
    expect(where(blank, 'GT')).toEqual({ id: '4:1', name: '4:4', x: '4:14' });
    const comment = table('id,name,x\r\n# c\r\nGT,Guatemala,2\r\n');
    expect(where(comment, 'GT')).toEqual({ id: '3:1', name: '3:4', x: '3:14' });
    expect(problems('id,name,x\r\n# comment\r\nGT,Guatemala,2,3\r\n')).toEqual([
      [3, 16, msg.csvRagged(4, 3)],
    ]);
  });

  it('places a cell that follows a quoted line break on its own line', () => {
    const t = table('id,name,x\nMX,"Mex\nico",5\n');
    const x = t.positions.get('MX')?.cells.x;
    expect(x).toEqual({ line: 3, col: 6 });
    expect(t.lines[(x?.line as number) - 1]?.slice((x?.col as number) - 1)).toBe('5');
  });

  it('places a row with a quoted line break in a CRLF file', () => {
    const t = table('id,name,x\r\nMX,"Mex\r\nico",1\r\nGT,Guatemala,2\r\n');
    expect(t.positions.get('MX')?.line).toBe(2);
    expect(t.positions.get('GT')?.line).toBe(4);
  });

  it('places a row after an indented comment line', () => {
    expect(table('id,name\n  # note\nMX,Mexico\n').positions.get('MX')?.line).toBe(3);
  });

  it('records the position of a column named __proto__', () => {
    const p = table('id,name,__proto__\nMX,Mexico,5\n').positions.get('MX');
    expect(Object.hasOwn(p?.cells ?? {}, '__proto__')).toBe(true);
  });
});

describe('parseGroupsCsv: problems', () => {
  it('needs a header row', () => {
    for (const text of ['', '\n\n', '# only a comment\n'])
      expect(problems(text), JSON.stringify(text)).toEqual([[1, 1, msg.csvNoHeader()]]);
  });

  it('needs id and name columns, reported at the start of the header line', () => {
    expect(problems('name,population\nMexico,1\n')).toEqual([[1, 1, msg.csvMissingColumn('id')]]);
    expect(problems('# about\n\nid,population\nMX,1\n')).toEqual([[3, 1, msg.csvMissingColumn('name')]]);
    expect(problems('a,b\n1,2\n')).toEqual([
      [1, 1, msg.csvMissingColumn('id')],
      [1, 1, msg.csvMissingColumn('name')],
    ]);
  });

  it('reports an empty or repeated column name at its header cell', () => {
    expect(problems('id,name,,x,x\nMX,Mexico,1,2,3\n')).toEqual([
      [1, 9, msg.csvEmptyColumnName()],
      [1, 12, msg.csvDuplicateColumn('x')],
    ]);
    expect(problems('id,name,name\n')).toEqual([[1, 9, msg.csvDuplicateColumn('name')]]);
  });

  it('reports a short row at the end of its line and a long row at its first extra cell', () => {
    expect(problems('id,name,x\nMX,Mexico\nGT,Guatemala,1,2,3\n')).toEqual([
      [2, 10, msg.csvRagged(2, 3)],
      [3, 16, msg.csvRagged(5, 3)],
    ]);
    expect(problems('id,name,x\r\nMX,Mexico\r\n')).toEqual([[2, 10, msg.csvRagged(2, 3)]]);
  });

  it('reports a row without id and a repeated id at the id cell, naming the first line', () => {
    expect(problems('name,id\nMexico,\nGuatemala,GT\nGuate,GT\n')).toEqual([
      [2, 8, msg.csvMissingId()],
      [4, 7, msg.csvDuplicateId('GT', 3)],
    ]);
    expect(problems('id,name\n"",Nobody\n')).toEqual([[2, 1, msg.csvMissingId()]]);
  });

  it('reports every row problem at once, in file order', () => {
    const issues = problems(
      'id,name,x\nMX,Mexico,1\nGT,Guatemala\nMX,Again,2\nSV,El Salvador,1,2\n,No id,3\n',
    );
    expect(issues).toEqual([
      [3, 13, msg.csvRagged(2, 3)],
      [4, 1, msg.csvDuplicateId('MX', 2)],
      [5, 18, msg.csvRagged(4, 3)],
      [6, 1, msg.csvMissingId()],
    ]);
  });

  it('reports broken quoting as a CSV syntax error where the quote opens or the stray one is', () => {
    const [unclosed] = parseGroupsCsv('id,name\nMX,"Mexico\nGT,Guatemala\n', FILE).issues;
    expect(unclosed).toMatchObject({ code: 'csv', line: 2, col: 4, sourceLine: 'MX,"Mexico' });
    expect(unclosed?.message).toBe(msg.csvUnclosedQuote());
    const [stray] = parseGroupsCsv('id,name\nMX,Mex"ico\n', FILE).issues;
    expect(stray).toMatchObject({ code: 'csv', line: 2, col: 1 });
    expect(stray?.message).toMatch(/^CSV syntax: Invalid Opening Quote\b/);
  });

  it('prints as FILE:LINE:COL with the line and a caret under the cell', () => {
    const [issue] = parseGroupsCsv('id,name,population\nMX,Mexico,12,7\n', FILE).issues;
    expect(formatIssue(issue as ScenarioIssue)).toBe(
      [`${FILE}:2:14: error: ${msg.csvRagged(4, 3)}`, ' 2 | MX,Mexico,12,7', '   |              ^'].join(
        '\n',
      ),
    );
  });
});

// ── properties ────────────────────────────────────────────────────────────────────────────────

const arbWord = fc
  .stringMatching(/^[A-Za-z][A-Za-z ]{0,6}[A-Za-z]$/)
  .filter((w) => !/^(true|false)$/i.test(w));
const arbCell = fc.oneof(
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.boolean(),
  arbWord,
  /** text that needs quotes */
  fc.tuple(arbWord, arbWord).map(([a, b]) => `${a}, ${b}`),
);
const render = (v: string | number | boolean) =>
  typeof v === 'string' && /[,"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : String(v);

const arbTable = fc
  .record({
    extra: fc
      .uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { maxLength: 4 })
      .map((cs) => cs.filter((c) => c !== 'id' && c !== 'name')),
    n: fc.integer({ min: 0, max: 8 }),
  })
  .chain(({ extra, n }) =>
    fc.record({
      extra: fc.constant(extra),
      rows: fc.array(fc.array(arbCell, { minLength: extra.length, maxLength: extra.length }), {
        minLength: n,
        maxLength: n,
      }),
      names: fc.array(arbWord, { minLength: n, maxLength: n }),
      /** before each line: 0 nothing, 1 a comment, 2 a blank line */
      filler: fc.array(fc.constantFrom(0, 0, 1, 2), { minLength: n + 1, maxLength: n + 1 }),
    }),
  );

describe('parseGroupsCsv properties', () => {
  test.prop([arbTable], { numRuns: 150 })(
    'reads back the rows it is given, and every recorded position points at its cell',
    ({ extra, rows, names, filler }) => {
      const columns = ['id', 'name', ...extra];
      const records = [
        columns,
        ...rows.map((cells, i) => [`G${i}`, names[i] as string, ...cells.map(render)]),
      ];
      const lines: string[] = [];
      const rendered = new Map<string, { line: number; texts: string[] }>();
      records.forEach((cells, i) => {
        if (filler[i] === 1) lines.push('# a comment');
        if (filler[i] === 2) lines.push('');
        lines.push(cells.join(','));
        if (i > 0) rendered.set(cells[0] as string, { line: lines.length, texts: cells });
      });
      const t = table(`${lines.join('\n')}\n`);
      expect(t.columns).toEqual(columns);
      expect(t.rows).toEqual(
        rows.map((cells, i) => ({
          id: `G${i}`,
          name: names[i],
          ...Object.fromEntries(cells.map((v, k) => [extra[k], v])),
        })),
      );
      for (const [id, { line, texts }] of rendered) {
        const p = t.positions.get(id);
        expect(p?.line).toBe(line);
        columns.forEach((c, k) => {
          const at = p?.cells[c];
          expect(at?.line).toBe(line);
          const col = at?.col as number;
          expect(lines[line - 1]?.slice(col - 1).startsWith(texts[k] as string), `${id}.${c}`).toBe(true);
        });
      }
    },
  );
});

describe('parseGroupsCsv: issue 16', () => {
  it('reports a quote that is never closed where it opens, not at the last line', () => {
    const text = '# source\nid,name,pop\nMX,"Mexico,1\nGT,Guatemala,2\nHN,Honduras,3\n';
    expect(problems(text)).toEqual([[3, 4, msg.csvUnclosedQuote()]]);
    // an escaped quote ("") inside a quoted cell does not move the opening
    expect(problems('id,name,pop\nMX,"Mex ""a"" ico,1\nGT,Guatemala,2\n')).toEqual([
      [2, 4, msg.csvUnclosedQuote()],
    ]);
    // a closed multi-line cell before it does not confuse the count
    expect(problems('id,name,pop\nMX,"Me\nxico",1\nGT,"Guatemala,2\n')).toEqual([
      [4, 4, msg.csvUnclosedQuote()],
    ]);
  });

  it('reads CR-only line endings with the same lines and columns as LF', () => {
    const lf = table('# c\nid,name,pop\nMX,Mexico,1\nGT,Guatemala,2\n');
    const cr = table('# c\rid,name,pop\rMX,Mexico,1\rGT,Guatemala,2\r');
    expect(cr.rows).toEqual(lf.rows);
    expect(where(cr, 'GT')).toEqual(where(lf, 'GT'));
  });
});

describe('parseDataCsv (a series or inventory table)', () => {
  it('reads rows in order, numbers as numbers except the text columns, and keeps every cell position', () => {
    const text = '# source\ngroup,pool,priority_date,count\n\n007,eb2,2013-07,20000\r\nIN,eb2,2014-07,\n';
    const { table, issues } = parseDataCsv(text, 'b.csv', ['group', 'pool', 'priority_date']);
    expect(issues).toEqual([]);
    expect(table?.rows).toEqual([
      { group: '007', pool: 'eb2', priority_date: '2013-07', count: 20000 },
      { group: 'IN', pool: 'eb2', priority_date: '2014-07' },
    ]);
    expect(table?.headerLine).toBe(2);
    expect(table?.cells[0]?.count).toEqual({ line: 4, col: 17 });
    expect(table?.cells[1]?.count).toEqual({ line: 5, col: 16 });
  });

  it('refuses a missing header, duplicate or empty column names and ragged rows, at their cells', () => {
    const issues = (text: string) =>
      parseDataCsv(text, 'b.csv').issues.map((i) => [i.line, i.col, i.message]);
    expect(issues('# only a comment\n')).toEqual([[1, 1, msg.csvNoHeaderData()]]);
    expect(issues('year,v,v,\n')).toEqual([
      [1, 8, msg.csvDuplicateColumn('v')],
      [1, 10, msg.csvEmptyColumnName()],
    ]);
    expect(issues('year,v\n1942,1,2\n1943\n')).toEqual([
      [2, 8, msg.csvRagged(3, 2)],
      [3, 5, msg.csvRagged(1, 2)],
    ]);
  });

  test.prop([
    fc.array(
      fc.tuple(fc.integer({ min: 1000, max: 9999 }), fc.double({ noNaN: true, noDefaultInfinity: true })),
      { maxLength: 20 },
    ),
  ])('reads back the values it is given', (rows) => {
    const text = `year,value\n${rows.map(([y, v]) => `${y},${v}`).join('\n')}\n`;
    const { table } = parseDataCsv(text, 'b.csv');
    expect(table?.rows).toEqual(rows.map(([y, v]) => ({ year: y, value: v === 0 ? 0 : v })));
  });
});
