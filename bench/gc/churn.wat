;; Allocation throughput: `n` arrays of 16 to 1039 bytes and a struct
;; holding each, a ring of 1024 of them kept alive in a table (so every
;; collection has a live set to mark), the rest garbage at once. Returns
;; a checksum of bytes read back from the ring.
(module
  (type $bytes (array (mut i8)))
  (type $box (struct (field (ref $bytes)) (field i32)))
  (table $ring 1024 (ref null $box))
  (func (export "run") (param $n i32) (result i32)
    (local $i i32) (local $len i32) (local $a (ref null $bytes)) (local $sum i32) (local $old (ref null $box))
    (loop $again
      (local.set $len (i32.add (i32.const 16) (i32.and (i32.mul (local.get $i) (i32.const 40503)) (i32.const 1023))))
      (local.set $a (array.new $bytes (local.get $i) (local.get $len)))
      (local.set $old (table.get $ring (i32.and (local.get $i) (i32.const 1023))))
      (if (i32.eqz (ref.is_null (local.get $old)))
        (then (local.set $sum (i32.add (local.get $sum)
          (array.get_u $bytes (struct.get $box 0 (local.get $old)) (i32.const 15))))))
      (table.set $ring (i32.and (local.get $i) (i32.const 1023))
        (struct.new $box (ref.as_non_null (local.get $a)) (local.get $len)))
      (br_if $again (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $sum))
)
