// Loads the project's TypeScript with ts-node, keeping what it compiles: the next
// process takes each unchanged file's JavaScript from the cache and loads neither
// ts-node nor TypeScript's compiler, which is most of a second at every start of a
// run and of each --parallel worker. Used as `node -r ./scripts/register-ts.js`.
// Plain JavaScript, as it runs before anything can compile TypeScript.
'use strict';
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');
/** Beside the packages, where tools keep such caches; `npm ci` starts it afresh. */
const CACHE_DIR = process.env.KUBEFLOW_BDD_TS_CACHE || join(ROOT, 'node_modules', '.cache', 'kubeflow-bdd-ts');

/** What else decides the output: the compiler's settings and versions. */
const SETTINGS = [
  readFileSync(join(ROOT, 'tsconfig.json'), 'utf8'),
  require('ts-node/package.json').version,
  require('typescript/package.json').version,
].join('\n');

let compiler;
/** ts-node, made on the first file the cache does not hold. */
function compile(source, file) {
  compiler ??= require('ts-node').create({ project: join(ROOT, 'tsconfig.json'), transpileOnly: true });
  return compiler.compile(source, file);
}

function cachedCompile(source, file) {
  const key = createHash('sha256').update(SETTINGS).update(file).update(source).digest('hex');
  const cached = join(CACHE_DIR, `${key}.js`);
  try {
    return readFileSync(cached, 'utf8');
  } catch {
    const output = compile(source, file);
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      // Written aside and renamed, so a --parallel worker never reads half a file.
      const partial = `${cached}.${process.pid}`;
      writeFileSync(partial, output);
      renameSync(partial, cached);
    } catch {
      // A read-only install (an image's) still runs, compiling each time.
    }
    return output;
  }
}

// Stack traces name the TypeScript lines: each output carries its source map inline.
process.setSourceMapsEnabled(true);
require.extensions['.ts'] = (module, file) => {
  module._compile(cachedCompile(readFileSync(file, 'utf8'), file), file);
};
