(module (func (export "f") (result i32) i32.const 1))
(assert_return (invoke "f") (i32.const 1))
(assert_malformed (module quote "(func (block") "unexpected end")
