// JavaScript workload for the quickjs benchmark (bench/src/real/quickjs_main.c
// runs it). A mix of what scripts do: objects and classes, closures, arrays
// and sorting, strings, regular expressions, JSON, Map/Set, integer and
// floating-point arithmetic. Everything is deterministic; each part folds its
// result into a 32-bit checksum, printed as "quickjs checksum XXXXXXXX".
'use strict';

let h = 0x811c9dc5 | 0;
function mix(v) {
  h = Math.imul(h ^ (v | 0), 16777619);
  h ^= h >>> 15;
}
function mixString(s) {
  for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
}

let seed = 12345;
function rand() { // xorshift32
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return seed >>> 0;
}

// Binary trees: allocation and recursion.
function tree(depth) {
  return depth === 0 ? { l: null, r: null } : { l: tree(depth - 1), r: tree(depth - 1) };
}
function count(t) { return t.l === null ? 1 : 1 + count(t.l) + count(t.r); }
function trees() {
  for (let d = 4; d <= 12; d += 2) {
    let n = 0;
    for (let i = 0; i < (1 << (14 - d)); i++) n += count(tree(d));
    mix(n);
  }
}

// Classes and method calls: a small particle simulation.
class Vec {
  constructor(x, y) { this.x = x; this.y = y; }
  add(o) { return new Vec(this.x + o.x, this.y + o.y); }
  scale(k) { return new Vec(this.x * k, this.y * k); }
  len() { return Math.sqrt(this.x * this.x + this.y * this.y); }
}
function particles() {
  const ps = [];
  for (let i = 0; i < 200; i++) ps.push({ p: new Vec(rand() % 1000, rand() % 1000), v: new Vec(0, 0) });
  const c = new Vec(500, 500);
  for (let step = 0; step < 60; step++) {
    for (const q of ps) {
      const d = c.add(q.p.scale(-1));
      const l = d.len() + 1;
      q.v = q.v.add(d.scale(0.01 / l));
      q.p = q.p.add(q.v);
    }
  }
  let s = 0;
  for (const q of ps) s += q.p.x * 3 + q.p.y;
  mix(Math.round(s * 1000));
}

// Arrays: sort with a comparator, map/filter/reduce, closures.
function arrays() {
  for (let round = 0; round < 5; round++) {
    const a = [];
    for (let i = 0; i < 6000; i++) a.push(rand() % 100000);
    a.sort((x, y) => x - y);
    const evens = a.filter(x => (x & 1) === 0).map(x => x >> 1);
    const sum = evens.reduce((acc, x) => (acc + x) | 0, 0);
    mix(sum); mix(a[0]); mix(a[a.length - 1]); mix(evens.length);
    const counters = [];
    for (let k = 0; k < 50; k++) { let c = k; counters.push(() => (c = (c * 7 + 3) % 1009)); }
    let t = 0;
    for (let i = 0; i < 2000; i++) t += counters[i % 50]();
    mix(t);
  }
}

// Strings, regular expressions and JSON.
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa',
               'lambda', 'mu', 'nu', 'xi', 'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon'];
function strings() {
  for (let round = 0; round < 4; round++) {
    const parts = [];
    for (let i = 0; i < 3000; i++) parts.push(WORDS[rand() % WORDS.length] + (rand() % 100));
    const text = parts.join(' ');
    const re = /([a-z]+)(\d+)/g;
    let m, n = 0, digits = 0;
    while ((m = re.exec(text)) !== null) { n++; digits += m[2].length; }
    mix(n); mix(digits);
    const up = text.replace(/a(\d)/g, (s, d) => 'A' + (9 - d)).toUpperCase();
    mix(up.length); mixString(up.slice(0, 200));
    const freq = {};
    for (const w of text.split(' ')) { const k = w.replace(/\d+$/, ''); freq[k] = (freq[k] || 0) + 1; }
    const json = JSON.stringify({ round, freq, list: parts.slice(0, 300) });
    const back = JSON.parse(json);
    mix(json.length); mix(back.list.length); mix(back.freq.alpha || 0);
  }
}

// Map and Set with string keys.
function maps() {
  const m = new Map();
  const s = new Set();
  for (let i = 0; i < 25000; i++) {
    const k = 'k' + (rand() % 5000);
    m.set(k, (m.get(k) || 0) + i);
    if (i % 3 === 0) s.add(k); else s.delete(k);
  }
  let t = 0;
  for (const [k, v] of m) t = (t + v + k.length) | 0;
  mix(t); mix(m.size); mix(s.size);
}

// Integer and floating-point arithmetic in plain loops.
function numbers() {
  let a = 1, b = 0;
  for (let i = 0; i < 300000; i++) { a = Math.imul(a, 1103515245) + 12345 | 0; b ^= a >>> (i & 15); }
  mix(b);
  let x = 0;
  for (let i = 1; i < 80000; i++) x += Math.sin(i) * Math.cos(i / 3) / i;
  mix(Math.round(x * 1e9));
}

trees();
particles();
arrays();
strings();
maps();
numbers();
print('quickjs checksum ' + ((h >>> 0).toString(16).padStart(8, '0')));
