;; Imports a function, a memory and a global from the module "lib" (lib.wat, given with --preload lib=lib.wat).
(module
  (import "lib" "double" (func $double (param i32) (result i32)))
  (import "lib" "mem" (memory 1))
  (import "lib" "base" (global $base i32))
  (func (export "run") (param i32) (result i32)
    (i32.store (i32.const 0) (call $double (local.get 0)))
    (i32.add (global.get $base) (i32.load (i32.const 0)))))
