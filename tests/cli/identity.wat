;; Returns its i32 argument: checks how the command line reads integers.
(module (func (export "id") (param i32) (result i32) (local.get 0)))
