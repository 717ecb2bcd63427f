// The schema pattern corpus through the app's real regex engine: core and
// std::regex compiled by Emscripten (libc++), the same libraries app.wasm
// links, run under Node. The native unit test runs the same corpus through
// RE2 (the server) and libstdc++ (tests/unit/schema/pattern_corpus_test.cpp):
// together they show that a schema pattern says the same in the browser and
// on the server. scripts/build makes the program (preset wasm); a different
// Wasm build folder can be given in PD_WASM_BUILD.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './support/processes.mjs';

const corpusFile = path.join(repoRoot, 'tests/unit/schema/pattern_corpus.json');
const program = path.resolve(repoRoot, process.env.PD_WASM_BUILD || 'build/wasm', 'tests/wasm/pattern_corpus_check.js');

test('every corpus answer is the same with Emscripten\'s libc++ std::regex', async () => {
  assert.ok(existsSync(program), `${program} is missing: build the wasm preset (scripts/build)`);
  const corpus = JSON.parse(readFileSync(corpusFile, 'utf8'));
  const values = corpus.cases.reduce((n, c) => n + c.match.length + c.no_match.length, 0);
  // 3.1.6's loader tries fetch() on a file path without this flag (docs/toolchain.md).
  const run = await promisify(execFile)(process.execPath, ['--no-experimental-fetch', program, corpusFile], {
    timeout: 60000,
  }).catch((e) => e);
  assert.equal(run.code ?? 0, 0, `the app's engine disagrees with the corpus:\n${run.stdout}${run.stderr}`);
  // Every value of the corpus was checked, not an empty or truncated list.
  assert.match(run.stdout, new RegExp(`^checked ${values} values, 0 failures$`, 'm'));
});
