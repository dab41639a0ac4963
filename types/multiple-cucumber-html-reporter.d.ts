// The reporter ships no types; this declares the one call the harness makes.
declare module 'multiple-cucumber-html-reporter' {
  export function generate(options: Record<string, unknown>): void;
}
