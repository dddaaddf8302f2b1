import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

/**
 * vega-lite's own JSON Schema (draft-07), as vega-lite's tests use it; formats are not checked
 * (ajv-formats is not installed). No inlined refs or code optimisation: compiling the 1.7 MB schema
 * then takes about 2 s instead of 4–5 s, and validation is just as strict.
 */
export function vegaLiteValidator(): ValidateFunction {
  const file = createRequire(import.meta.url).resolve('vega-lite/vega-lite-schema.json');
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    allowUnionTypes: true,
    validateSchema: false,
    inlineRefs: false,
    code: { optimize: false },
  });
  for (const format of ['color-hex', 'uri', 'uri-reference']) ajv.addFormat(format, true);
  return ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
}
