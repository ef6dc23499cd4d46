// Run a wasm32-wasi command under node's built-in WASI:
//   node [V8 flags] bench/node-wasi.mjs FILE.wasm [ARGS...]
// Exit status is the program's (proc_exit code, or 0 when _start returns).
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
import process from 'node:process';

process.removeAllListeners('warning'); // silence "WASI is experimental"
const [file, ...args] = process.argv.slice(2);
if (!file) {
  console.error('usage: node node-wasi.mjs FILE.wasm [ARGS...]');
  process.exit(2);
}
const wasi = new WASI({ version: 'preview1', args: [file, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(readFileSync(file));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
