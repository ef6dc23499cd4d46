;; Field and element access: 1024 particles (structs of f64 fields) in an
;; array, moved `steps` times, reading and writing each field and an i32
;; array of counters. Returns a checksum of positions and counts.
(module
  (type $p (struct (field $x (mut f64)) (field $y (mut f64)) (field $vx (mut f64)) (field $vy (mut f64))))
  (type $ps (array (mut (ref $p))))
  (type $counts (array (mut i32)))
  (func (export "run") (param $steps i32) (result i32)
    (local $a (ref $ps)) (local $c (ref $counts)) (local $i i32) (local $p (ref $p)) (local $sum f64)
    (local.set $a (array.new $ps (struct.new $p (f64.const 0) (f64.const 0) (f64.const 1) (f64.const 1)) (i32.const 1024)))
    (loop $init
      (array.set $ps (local.get $a) (local.get $i)
        (struct.new $p (f64.convert_i32_u (local.get $i)) (f64.const 0) (f64.const 0.5) (f64.const 0.25)))
      (br_if $init (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1024))))
    (local.set $c (array.new_default $counts (i32.const 64)))
    (loop $step
      (local.set $i (i32.const 0))
      (loop $each
        (local.set $p (array.get $ps (local.get $a) (local.get $i)))
        (struct.set $p $x (local.get $p) (f64.add (struct.get $p $x (local.get $p)) (struct.get $p $vx (local.get $p))))
        (struct.set $p $y (local.get $p) (f64.add (struct.get $p $y (local.get $p)) (struct.get $p $vy (local.get $p))))
        (if (f64.gt (struct.get $p $x (local.get $p)) (f64.const 1000))
          (then (struct.set $p $vx (local.get $p) (f64.neg (struct.get $p $vx (local.get $p))))))
        (if (f64.lt (struct.get $p $x (local.get $p)) (f64.const 0))
          (then (struct.set $p $vx (local.get $p) (f64.neg (struct.get $p $vx (local.get $p))))))
        (array.set $counts (local.get $c) (i32.and (local.get $i) (i32.const 63))
          (i32.add (array.get $counts (local.get $c) (i32.and (local.get $i) (i32.const 63))) (i32.const 1)))
        (br_if $each (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1024))))
      (br_if $step (local.tee $steps (i32.sub (local.get $steps) (i32.const 1)))))
    (local.set $i (i32.const 0))
    (loop $sum_up
      (local.set $sum (f64.add (local.get $sum) (struct.get $p $x (array.get $ps (local.get $a) (local.get $i)))))
      (br_if $sum_up (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (i32.const 1024))))
    (i32.add (i32.trunc_f64_s (local.get $sum)) (array.get $counts (local.get $c) (i32.const 5))))
)
