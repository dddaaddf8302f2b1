import { describe, expect, it } from 'vitest';
import {
  EMBED_OPTIONS,
  embedScript,
  escapeHtml,
  escapeInlineScript,
  jsonForScript,
  readBrowserLibraries,
} from '../../src/report/html-assets.js';

describe('escaping helpers', () => {
  it('escapeHtml escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;');
  });

  it('escapeInlineScript breaks up </script and <!-- without changing what the code means', () => {
    expect(escapeInlineScript('var s = "</SCRIPT>"; // <!-- x')).toBe('var s = "<\\/SCRIPT>"; // <\\!-- x');
  });

  it('jsonForScript escapes < and line separators and stays valid JSON', () => {
    const value = { a: '</script><b>', b: '\u2028' };
    const text = jsonForScript(value);
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('browser assets', () => {
  it('reads the three UMD builds, which define the globals the embed script uses', () => {
    const libs = readBrowserLibraries();
    expect(libs.map((l) => l.name)).toEqual(['vega', 'vega-lite', 'vega-embed']);
    expect(libs[0]?.code).toContain('.vega={}');
    expect(libs[1]?.code).toContain('.vegaLite={}');
    expect(libs[2]?.code).toContain('.vegaEmbed=');
  });

  it('embeds with export only and the SVG renderer, and reports when done', () => {
    expect(EMBED_OPTIONS).toEqual({
      actions: { export: true, source: false, compiled: false, editor: false },
      renderer: 'svg',
    });
    const script = embedScript(['a', 'b']);
    expect(script).toContain('var names = ["a","b"];');
    expect(script).toContain("done('1')");
    expect(script).toContain("done('error')");
  });
});
