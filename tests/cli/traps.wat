;; Traps for the exit-status checks: unreachable, and a call chain that
;; divides by zero three calls deep.
(module
  (table 2 funcref)
  (global (mut i64) (i64.const 0))
  (func (export "unreachable") unreachable)
  (func $div (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
  (func $middle (param i32) (result i32) (call $div (local.get 0)))
  (func (export "outer") (param i32) (result i32) (call $middle (local.get 0))))
