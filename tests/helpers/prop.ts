/**
 * `test.prop([arbitraries], params)(name, predicate)`: a property test on plain fast-check, with the
 * call shape of @fast-check/vitest. That package re-imports vitest's runner in every test file, which
 * cost about 2.2 s of import per file (46 s of a full run on 2 cores); this wrapper costs nothing.
 * The predicate gets one argument per arbitrary; it fails by throwing (an `expect`) or returning false.
 */
import fc from 'fast-check';
import { test as vitestTest } from 'vitest';

type Values<Ts extends fc.Arbitrary<unknown>[]> = {
  [K in keyof Ts]: Ts[K] extends fc.Arbitrary<infer U> ? U : never;
};
type Predicate<Ts extends fc.Arbitrary<unknown>[]> = (...args: Values<Ts>) => unknown;

function prop<Ts extends [fc.Arbitrary<unknown>, ...fc.Arbitrary<unknown>[]]>(
  arbitraries: Ts,
  params: fc.Parameters<Values<Ts>> = {},
): (name: string, predicate: Predicate<Ts>, timeout?: number) => void {
  return (name, predicate, timeout) =>
    vitestTest(
      name,
      async () => {
        const all = fc.tuple(...(arbitraries as fc.Arbitrary<unknown>[]));
        const property = fc.asyncProperty(
          all,
          async (args) => (await predicate(...(args as Values<Ts>))) !== false,
        );
        // The property takes the values as one tuple, so explicit examples are wrapped to match.
        const { examples, ...rest } = params;
        const wrapped = examples?.map((ex) => [ex as unknown[]] as [unknown[]]);
        await fc.assert(property, { ...(rest as fc.Parameters<[unknown[]]>), examples: wrapped });
      },
      timeout,
    );
}

/** Only `.prop`: plain tests import `test` and `it` from vitest. */
export const test: { prop: typeof prop } = { prop };
export { fc };
