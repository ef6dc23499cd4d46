;; Binary trees: a long-lived tree of depth 16 and `iters` short-lived
;; trees of depth `depth`, each built and walked; allocation, collection
;; and field reads. Returns the sum of every node's value.
(module
  (type $node (struct (field $l (ref null $node)) (field $r (ref null $node)) (field $v i32)))
  (global $long (mut (ref null $node)) (ref.null $node))
  (func $make (param $d i32) (result (ref $node))
    (if (result (ref $node)) (i32.eqz (local.get $d))
      (then (struct.new $node (ref.null $node) (ref.null $node) (i32.const 1)))
      (else (struct.new $node
        (call $make (i32.sub (local.get $d) (i32.const 1)))
        (call $make (i32.sub (local.get $d) (i32.const 1)))
        (local.get $d)))))
  (func $check (param $n (ref null $node)) (result i32)
    (if (result i32) (ref.is_null (local.get $n))
      (then (i32.const 0))
      (else (i32.add (struct.get $node $v (local.get $n))
        (i32.add (call $check (struct.get $node $l (local.get $n)))
                 (call $check (struct.get $node $r (local.get $n))))))))
  (func (export "run") (param $iters i32) (param $depth i32) (result i32)
    (local $sum i32)
    (global.set $long (call $make (i32.const 16)))
    (loop $again
      (local.set $sum (i32.add (local.get $sum) (call $check (call $make (local.get $depth)))))
      (br_if $again (local.tee $iters (i32.sub (local.get $iters) (i32.const 1)))))
    (i32.add (local.get $sum) (call $check (global.get $long))))
)
