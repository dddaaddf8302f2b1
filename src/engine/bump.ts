/** `arr[i] += v` for typed arrays under noUncheckedIndexedAccess. */
export function bump(arr: Float64Array, i: number, v: number): void {
  arr[i] = (arr[i] as number) + v;
}
