// The AssemblyScript example of linear memory from issue 5: run with
// `wasmrun example.wasm --invoke readMemory 1`, it prints 99.
memory.grow(2);
store<u8>(0, 21);
store<u8>(1, 99);

export function readMemory(n: i32): i32 {
  return load<u8>(n);
}
