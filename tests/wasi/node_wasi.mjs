// The reference runner for the WASI tests: node's own WASI (node:wasi),
// driven with wasmrun's options so outputs can be compared.
//   node node_wasi.mjs [--dir HOST[::GUEST]]... [--env NAME=VALUE]... FILE.wasm [ARGS...]
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const argv = process.argv.slice(2);
const preopens = {};
const env = {};
while (argv.length && argv[0].startsWith('--')) {
  const opt = argv.shift();
  if (opt === '--') break;
  const value = argv.shift();
  if (opt === '--dir') {
    const [host, guest] = value.includes('::') ? value.split('::') : [value, value];
    preopens[guest] = host;
  } else if (opt === '--env') {
    const eq = value.indexOf('=');
    env[value.slice(0, eq)] = value.slice(eq + 1);
  } else {
    console.error(`node_wasi: unknown option ${opt}`);
    process.exit(2);
  }
}
const file = argv.shift();
const wasi = new WASI({ version: 'preview1', args: [file, ...argv], env, preopens, returnOnExit: true });
try {
  const module = await WebAssembly.compile(readFileSync(file));
  const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
  process.exitCode = wasi.start(instance);
} catch (e) {
  console.error(`node_wasi: ${e.message}`);
  process.exitCode = 1;
}
