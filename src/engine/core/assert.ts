/** Exhaustiveness check for tagged unions: the compiler proves this is never reached. */
export function assertNever(x: never, what = 'value'): never {
  throw new Error(`Unexpected ${what}: ${JSON.stringify(x)}`);
}
