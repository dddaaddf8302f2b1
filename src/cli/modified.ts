/**
 * Reads what `describeModification` needs: each file of the extends chain as the user wrote it, and
 * whether it is a shipped scenario (it lies in the installed scenarios/ folder). The manifest then
 * records the changes (`scenario.modified`), and the report shows them.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { packageRoot } from '../paths.js';
import { type ChainLayer, describeModification, type Modification } from '../report/modified.js';
import { parseYamlText } from '../scenario/yaml-source.js';

function real(file: string): string {
  try {
    return realpathSync(resolve(file));
  } catch {
    return resolve(file);
  }
}

/** The chain's layers, read up to and including the first shipped file (nothing past it is changed). */
function chainLayers(files: readonly string[]): ChainLayer[] {
  const shippedDir = real(join(packageRoot(), 'scenarios')) + sep;
  const layers: ChainLayer[] = [];
  for (const file of files) {
    const shipped = real(file).startsWith(shippedDir);
    // a shipped file's own keys are never changes: it is not read
    // read as the loader read it (CR-only line endings and all): it validated, so it parses
    const doc = shipped ? {} : (parseYamlText(readFileSync(resolve(file), 'utf8'), file).source.value ?? {});
    layers.push({ file, shipped, doc });
    if (shipped) break;
  }
  return layers;
}

/** The manifest with `scenario.modified` when the run changed its scenario (--set, or a user's file on a shipped one). */
export function withModification<M extends { scenario: { files: string[] } }>(
  manifest: M,
  set: readonly string[],
): M & { scenario: { modified?: Modification } } {
  const modified = describeModification(chainLayers(manifest.scenario.files), set);
  return modified ? { ...manifest, scenario: { ...manifest.scenario, modified } } : manifest;
}
