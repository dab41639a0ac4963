// Kubernetes resource quantities, so that 0.5 equals 500m and 1Gi equals 1024Mi.
const SUFFIXES: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The value of a quantity in base units (cores, bytes). */
export function parseQuantity(text: string): number {
  const match = /^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)(?:e([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/.exec(String(text).trim());
  if (!match) throw new Error(`"${text}" is not a Kubernetes quantity. Fix: write it like 500m, 0.5, 128Mi or 1Gi.`);
  const [, number, exponent, suffix = ''] = match;
  return exponent !== undefined ? Number(number) * 10 ** Number(exponent) : Number(number) * SUFFIXES[suffix];
}

export function sameQuantity(a: string, b: string): boolean {
  const x = parseQuantity(a);
  const y = parseQuantity(b);
  return Math.abs(x - y) <= Math.max(Math.abs(x), Math.abs(y)) * 1e-12;
}
