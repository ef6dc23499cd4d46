;; Message passing between two script threads on one shared memory: $T1
;; stores data then a flag and notifies; $T2 waits for the flag (a timeout
;; of 1 s per wait bounds a bug) and reads the data.
(module $Mem
  (memory (export "shared") 1 1 shared)
)

(thread $T1 (shared (module $Mem))
  (register "mem" $Mem)
  (module
    (memory (import "mem" "shared") 1 1 shared)
    (func (export "run")
      (i32.atomic.store (i32.const 0) (i32.const 42))
      (i32.atomic.store (i32.const 4) (i32.const 1))
      (drop (memory.atomic.notify (i32.const 4) (i32.const 1)))
    )
  )
  (invoke "run")
)

(thread $T2 (shared (module $Mem))
  (register "mem" $Mem)
  (module
    (memory (import "mem" "shared") 1 1 shared)
    (func (export "run") (result i32)
      (loop $spin
        (if (i32.eqz (i32.atomic.load (i32.const 4)))
          (then
            (drop (memory.atomic.wait32 (i32.const 4) (i32.const 0) (i64.const 1000000000)))
            (br $spin))))
      (i32.atomic.load (i32.const 0))
    )
  )
  (assert_return (invoke "run") (i32.const 42))
)

(wait $T1)
(wait $T2)

(register "Mem" $Mem)
(module $Check
  (memory (import "Mem" "shared") 1 1 shared)
  (func (export "check") (result i32) (i32.atomic.load (i32.const 0)))
)
(assert_return (invoke $Check "check") (i32.const 42))
