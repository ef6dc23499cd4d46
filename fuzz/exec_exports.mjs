// node fuzz/exec_exports.mjs FILE.wasm: what fuzz/exec_exports.cpp prints,
// for node's V8 (the reference side of fuzz/differential.sh).
import { readFileSync } from "node:fs";

const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const f64 = new Float64Array(1), u64 = new BigUint64Array(f64.buffer);
function show(type, v) {
  switch (type) {
    case "i32": return `i32:${v >>> 0}`;
    case "i64": return `i64:${BigInt.asUintN(64, v)}`;
    case "f32": if (Number.isNaN(v)) return "f32:nan"; f32[0] = v; return `f32:0x${u32[0].toString(16).padStart(8, "0")}`;
    case "f64": if (Number.isNaN(v)) return "f64:nan"; f64[0] = v; return `f64:0x${u64[0].toString(16).padStart(16, "0")}`;
    default: return v === null ? "null" : "ref";
  }
}
const zero = { i32: 0, i64: 0n, f32: 0, f64: 0, funcref: null, externref: null };

// The module's function types, read from the binary (JS does not expose them).
const bytes = readFileSync(process.argv[2]);
const types = [], funcTypes = [], exportsInOrder = [];
{
  let p = 8;
  const u = () => { let r = 0, s = 0, b; do { b = bytes[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  const vt = () => ({ 0x7f: "i32", 0x7e: "i64", 0x7d: "f32", 0x7c: "f64", 0x7b: "v128", 0x70: "funcref", 0x6f: "externref" })[bytes[p++]];
  const name = () => { const n = u(); const s = bytes.subarray(p, p + n).toString("utf8"); p += n; return s; };
  while (p < bytes.length) {
    const id = bytes[p++], size = u(), end = p + size;
    if (id === 1) {
      for (let n = u(); n--;) { p++; const params = []; for (let k = u(); k--;) params.push(vt()); const results = []; for (let k = u(); k--;) results.push(vt()); types.push({ params, results }); }
    } else if (id === 2) {
      for (let n = u(); n--;) {
        name(); name(); const kind = bytes[p++];
        if (kind === 0) funcTypes.push(types[u()]);
        else if (kind === 1) { p++; const f = u(); u(); if (f & 1) u(); }
        else if (kind === 2) { const f = u(); u(); if (f & 1) u(); }
        else { p += 2; }
      }
    } else if (id === 3) {
      for (let n = u(); n--;) funcTypes.push(types[u()]);
    } else if (id === 7) {
      for (let n = u(); n--;) { const nm = name(); const kind = bytes[p++]; const index = u(); if (kind === 0) exportsInOrder.push([nm, index]); }
    }
    p = end;
  }
}

const mod = new WebAssembly.Module(bytes);
const imports = {};
let funcImport = 0;
for (const im of WebAssembly.Module.imports(mod)) {
  if (im.kind !== "function") continue;
  const t = funcTypes[funcImport++];
  (imports[im.module] ??= {})[im.name] = (...args) => {
    console.log([im.name, ...args.map((a, i) => show(t.params[i], a))].join(" "));
    if (t.results.length === 1) return zero[t.results[0]];
    return t.results.length ? t.results.map((r) => zero[r]) : undefined;
  };
}
const inst = new WebAssembly.Instance(mod, imports);
for (const [name, index] of exportsInOrder) {
  const t = funcTypes[index];
  if ([...t.params, ...t.results].includes("v128")) continue;
  console.log(`call ${name}`);
  let r;
  try { r = inst.exports[name](...t.params.map((p) => zero[p])); } catch (e) {
    if (e instanceof WebAssembly.RuntimeError || e instanceof RangeError) { console.log("=> trap"); continue; }
    throw e;
  }
  const rs = t.results.length === 1 ? [r] : t.results.length ? r : [];
  console.log(["=>", ...rs.map((v, i) => show(t.results[i], v))].join(" "));
}
