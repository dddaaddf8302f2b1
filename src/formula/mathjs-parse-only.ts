/**
 * The mathjs of the bundled command line: scripts/bundle.mjs puts this module in place of
 * `mathjs.ts`. It builds mathjs's expression parser from mathjs's own factories (its ES modules,
 * which esbuild trims to these), giving each node class only what parsing and `toString` use: the
 * dependencies that only a node's `compile`/`evaluate` or `toTex` reads (subset, matrix, size,
 * ResultSet, isBounded, the math namespace, units) are stubs that throw if ever reached. visasim
 * never compiles or evaluates a mathjs node (formula.ts compiles the tree itself), and creating those
 * functions (`create({ parseDependencies })` made ≈ 40 typed functions) took ≈ 0.13 s of every
 * `visasim validate`. Unbundled, mathjs's ES modules take ≈ 1 s to load, so source and tsc's output
 * keep `mathjs.ts`. Both parse every formula to the same tree, or fail with the same error
 * (tests/formula/mathjs-parse-only.test.ts).
 */
import {
  createAccessorNode,
  createArrayNode,
  createAssignmentNode,
  createBlockNode,
  createConditionalNode,
  createConstantNode,
  createFunctionAssignmentNode,
  createFunctionNode,
  createIndexNode,
  createNode,
  createNumber,
  createNumeric,
  createObjectNode,
  createOperatorNode,
  createParenthesisNode,
  createParse,
  createRangeNode,
  createRelationalNode,
  createSymbolNode,
  createTyped,
} from 'mathjs';
import type { MathjsParser } from './mathjs.js';

// mathjs exports its factories from the package root but does not declare them
declare module 'mathjs' {
  export const createAccessorNode: unknown;
  export const createArrayNode: unknown;
  export const createAssignmentNode: unknown;
  export const createBlockNode: unknown;
  export const createConditionalNode: unknown;
  export const createConstantNode: unknown;
  export const createFunctionAssignmentNode: unknown;
  export const createFunctionNode: unknown;
  export const createIndexNode: unknown;
  export const createNode: unknown;
  export const createNumber: unknown;
  export const createNumeric: unknown;
  export const createObjectNode: unknown;
  export const createOperatorNode: unknown;
  export const createParenthesisNode: unknown;
  export const createParse: unknown;
  export const createRangeNode: unknown;
  export const createRelationalNode: unknown;
  export const createSymbolNode: unknown;
  export const createTyped: unknown;
}

let cached: MathjsParser | undefined;

/** What only evaluation or LaTeX output would use: never called by parse or toString. */
function unused(name: string): never {
  throw new Error(`mathjs's ${name} is not available in visasim's parse-only mathjs`);
}
const unusedFunction = (name: string) => () => unused(name);
/** A stand-in namespace: any property read (compile, toTex) throws, `in` says no. */
const unusedNamespace = (name: string) =>
  new Proxy(
    {},
    {
      get: (_, key) => (typeof key === 'symbol' ? undefined : unused(`${name}.${key}`)),
      has: () => false,
    },
  );

// mathjs's default configuration (core/config.js): parse reads `number` and `numberFallback`
const CONFIG = {
  relTol: 1e-12,
  absTol: 1e-15,
  matrix: 'Matrix',
  number: 'number',
  numberFallback: 'number',
  precision: 64,
  predictable: false,
  randomSeed: null,
  legacySubset: false,
} as const;

type Factory = (deps: Record<string, unknown>) => unknown;
const make = (f: unknown, deps: Record<string, unknown>) => (f as Factory)(deps);

export function mathjs(): MathjsParser {
  if (cached) return cached;
  const typed = make(createTyped, {});
  const number = make(createNumber, { typed });
  const numeric = make(createNumeric, { number });
  const Node = make(createNode, { mathWithTransform: unusedNamespace('mathWithTransform') });
  const math = unusedNamespace('math');
  const SymbolNode = make(createSymbolNode, { math, Node });
  const nodes = {
    Node,
    SymbolNode,
    AccessorNode: make(createAccessorNode, { Node, subset: unusedFunction('subset') }),
    ArrayNode: make(createArrayNode, { Node }),
    AssignmentNode: make(createAssignmentNode, { Node, subset: unusedFunction('subset') }),
    BlockNode: make(createBlockNode, { Node, ResultSet: unusedFunction('ResultSet') }),
    ConditionalNode: make(createConditionalNode, { Node }),
    ConstantNode: make(createConstantNode, { Node, isBounded: unusedFunction('isBounded') }),
    FunctionAssignmentNode: make(createFunctionAssignmentNode, { Node, typed }),
    FunctionNode: make(createFunctionNode, { Node, SymbolNode, math }),
    IndexNode: make(createIndexNode, { Node, size: unusedFunction('size') }),
    ObjectNode: make(createObjectNode, { Node }),
    OperatorNode: make(createOperatorNode, { Node }),
    ParenthesisNode: make(createParenthesisNode, { Node }),
    RangeNode: make(createRangeNode, { Node }),
    RelationalNode: make(createRelationalNode, { Node }),
  };
  const parse = make(createParse, { typed, numeric, config: CONFIG, ...nodes });
  cached = { parse: parse as MathjsParser['parse'] };
  return cached;
}
