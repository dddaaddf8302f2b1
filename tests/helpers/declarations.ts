/**
 * Which named types the public declarations reach but the entry does not export (api-extractor's
 * "forgotten export"), read from tsc's emitted `.d.ts` files. From every declaration the entry
 * exports, follow each identifier that names a declaration of its module or an import from a
 * relative module, transitively; report each interface, type alias, class or enum reached that the
 * entry does not export under some name. Types of other packages (node, yargs, zod) are left out.
 *
 * It reads tsc's layout of declaration files (one top-level declaration per unindented line, named
 * imports and re-exports on one line) rather than parsing TypeScript in general.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

interface Decl {
  kind: string;
  exported: boolean;
  text: string;
}
interface Ref {
  file: string;
  name: string;
}
interface Module {
  decls: Map<string, Decl>;
  imports: Map<string, { name: string; file: string | null }>;
  reexports: { name: string; orig: string; file: string | null }[];
  stars: string[];
}

const TYPE_KINDS = new Set(['interface', 'type', 'class', 'enum']);

function names(list: string): { orig: string; alias: string }[] {
  return list
    .split(',')
    .map((s) => s.trim().replace(/^type\s+/, ''))
    .filter(Boolean)
    .map((part) => {
      const [orig = '', alias] = part.split(/\s+as\s+/).map((s) => s.trim());
      return { orig, alias: alias ?? orig };
    });
}

export class Declarations {
  private readonly modules = new Map<string, Module>();

  private parse(file: string): Module {
    const known = this.modules.get(file);
    if (known) return known;
    const mod: Module = { decls: new Map(), imports: new Map(), reexports: [], stars: [] };
    this.modules.set(file, mod);
    const text = readFileSync(file, 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const chunks: string[] = [];
    for (const line of text.split('\n')) {
      if (/^\S/.test(line) && !/^[}\])]/.test(line)) chunks.push(line);
      else if (chunks.length) chunks[chunks.length - 1] += `\n${line}`;
    }
    const rel = (spec: string) =>
      spec.startsWith('.') ? resolve(dirname(file), spec.replace(/\.js$/, '.d.ts')) : null;
    const rules: [RegExp, (m: RegExpExecArray) => void][] = [
      [
        /^import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/,
        (m) => {
          for (const n of names(m[1] as string))
            mod.imports.set(n.alias, { name: n.orig, file: rel(m[2] as string) });
        },
      ],
      [
        /^import\s+(?:type\s+)?(?:\*\s+as\s+)?(\w+)\s+from\s+'([^']+)'/,
        (m) => mod.imports.set(m[1] as string, { name: 'default', file: null }),
      ],
      [
        /^export\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/,
        (m) => {
          for (const n of names(m[1] as string))
            mod.reexports.push({ name: n.alias, orig: n.orig, file: rel(m[2] as string) });
        },
      ],
      [
        /^export\s+\*\s+from\s+'([^']+)'/,
        (m) => {
          const f = rel(m[1] as string);
          if (f) mod.stars.push(f);
        },
      ],
      [
        /^export\s+(?:type\s+)?\{([^}]*)\};?/,
        (m) => {
          for (const n of names(m[1] as string))
            mod.reexports.push({ name: n.alias, orig: n.orig, file: null });
        },
      ],
      [
        /^(export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(function|const|let|class|interface|type|enum|namespace)\s+([\w$]+)/,
        (m) => {
          const name = m[3] as string;
          const prev = mod.decls.get(name);
          mod.decls.set(name, {
            kind: m[2] as string,
            exported: !!m[1] || !!prev?.exported,
            text: `${prev?.text ?? ''}\n${m.input}`,
          });
        },
      ],
    ];
    for (const c of chunks) {
      for (const [re, use] of rules) {
        const m = re.exec(c);
        if (m) {
          use(m);
          break;
        }
      }
    }
    return mod;
  }

  /** Where `name`, exported by `file`, is declared. */
  private origin(file: string, name: string): Ref | null {
    const mod = this.parse(file);
    if (mod.decls.has(name)) return { file, name };
    for (const r of mod.reexports)
      if (r.name === name) return r.file ? this.origin(r.file, r.orig) : this.local(file, r.orig);
    for (const s of mod.stars) {
      const found = this.origin(s, name);
      if (found) return found;
    }
    return null;
  }

  /** What `name` means inside `file`: its own declaration or an import (null: another package's). */
  private local(file: string, name: string): Ref | null {
    const mod = this.parse(file);
    if (mod.decls.has(name)) return { file, name };
    const i = mod.imports.get(name);
    return i?.file ? this.origin(i.file, i.name) : null;
  }

  /** Every name `file` exports, with where it is declared. */
  exportsOf(file: string): Map<string, Ref> {
    const mod = this.parse(file);
    const out = new Map<string, Ref>();
    for (const s of mod.stars) for (const [n, r] of this.exportsOf(s)) out.set(n, r);
    for (const [n, d] of mod.decls) if (d.exported) out.set(n, { file, name: n });
    for (const r of mod.reexports) {
      const o = r.file ? this.origin(r.file, r.orig) : this.local(file, r.orig);
      if (o) out.set(r.name, o);
    }
    return out;
  }

  /** The types the entry's exports reach but it does not export, as `module.d.ts#Name`. */
  forgottenExports(entry: string): string[] {
    const key = (r: Ref) => `${r.file}#${r.name}`;
    const exported = [...this.exportsOf(entry).values()];
    const exportedKeys = new Set(exported.map(key));
    const queue = [...exported];
    const seen = new Set(queue.map(key));
    const missing: string[] = [];
    for (let r = queue.shift(); r; r = queue.shift()) {
      const d = this.parse(r.file).decls.get(r.name);
      if (!d) continue;
      if (TYPE_KINDS.has(d.kind) && !exportedKeys.has(key(r)))
        missing.push(`${r.file.slice(dirname(entry).length + 1)}#${r.name}`);
      const body = d.text.replace(/'[^']*'|"[^"]*"/g, '');
      for (const id of new Set(body.match(/[A-Za-z_$][\w$]*/g))) {
        if (id === r.name) continue;
        const to = this.local(r.file, id);
        if (to && !seen.has(key(to))) {
          seen.add(key(to));
          queue.push(to);
        }
      }
      // import("./x.js").Name inside a declaration
      for (const m of d.text.matchAll(/import\("([^"]+)"\)\.(\w+)/g)) {
        const to = this.origin(
          resolve(dirname(r.file), (m[1] as string).replace(/\.js$/, '.d.ts')),
          m[2] as string,
        );
        if (to && !seen.has(key(to))) {
          seen.add(key(to));
          queue.push(to);
        }
      }
    }
    return missing.sort();
  }
}
