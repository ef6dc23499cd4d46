// The .wast script format of the WebAssembly test suite: modules, actions
// and assertions, parsed into commands for the script runner.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wasmrun/error.h"
#include "wasmrun/features.h"
#include "wasmrun/types.h"

namespace wasmrun::wast {

enum class ValueKind { I32, I64, F32, F64, V128, RefNull, RefExtern, RefFunc, RefHost };
// The heap type a script names in `(ref.null HT)` or a `(ref.HT)` pattern.
// Defined: a type index or `$t` (also `(exact $t)`), which the script
// cannot resolve.
enum class ScriptHeap { Func, NoFunc, Extern, NoExtern, Any, Eq, I31, Struct, Array, None, Exn, NoExn, Defined };
struct Value {              // an argument, or an exact expected result
  ValueKind kind = ValueKind::I32;
  uint64_t bits = 0;        // I32 (zero-extended), I64, F32, F64 raw bits; RefExtern/RefHost: the N of (ref.extern N)
  uint8_t v128[16] = {};    // V128, little-endian
  ValType ref_type = ValType::FuncRef;  // RefNull: FuncRef (func, nofunc) or ExternRef (extern, noextern)
  ScriptHeap heap = ScriptHeap::Func;       // RefNull: the heap type as written
};
enum class NanPattern { None, Canonical, Arithmetic };
enum class LaneShape { I8x16, I16x8, I32x4, I64x2, F32x4, F64x2 };
struct Expected {
  enum class Kind {
    Exact,        // `value` must match exactly (floats by bits)
    Nan,          // f32/f64 result with `nan` pattern (value.kind says f32 or f64)
    V128Lanes,    // v128 with per-lane patterns: lane_bits[i] or lane_nan[i] != None
    AnyRefFunc,   // (ref.func) : any non-null funcref
    AnyRefExtern, // (ref.extern): any non-null externref
    AnyRefOf,     // (ref.any), (ref.eq), (ref.i31), (ref.struct), (ref.array), (ref.exn): a non-null
                  // reference of value.heap
    AnyNull,      // (ref.null) without a heap type: any null reference
    Either,       // (either R1 R2 ...): one of `alternatives`
  } kind = Kind::Exact;
  Value value;
  NanPattern nan = NanPattern::None;
  LaneShape shape = LaneShape::I32x4;
  std::vector<uint64_t> lane_bits;
  std::vector<NanPattern> lane_nan;
  std::vector<Expected> alternatives;  // Either: never Either themselves
};
struct ScriptModule {
  enum class Form { Text, Binary, Quote } form = Form::Text;
  std::optional<std::string> name;  // $id, if any
  std::vector<uint8_t> binary;      // Text (encoded at parse time) and Binary forms
  std::string quote;                // Quote form: the concatenated strings, parsed when the runner asks
  std::optional<Error> encode_error;  // Text form only: why encoding the text failed, if it did
  int line = 0;
  bool definition = false;          // `(module definition ...)`: compiled, not instantiated
  // `(module instance $i $m)`: instantiates the definition $m (the latest
  // definition when absent) as $i (`name`); no module text of its own.
  bool instance = false;
  std::optional<std::string> instance_of;
};
struct Action {
  enum class Kind { Invoke, Get } kind = Kind::Invoke;
  std::optional<std::string> module;  // $id of the module, else the latest
  std::string field;                  // export name (decoded string)
  std::vector<Value> args;
};
struct Command {
  enum class Kind { Module, Register, Action, AssertReturn, AssertTrap, AssertExhaustion,
                    AssertMalformed, AssertInvalid, AssertUnlinkable, AssertUninstantiable,
                    AssertException,
                    AssertMalformedCustom, AssertInvalidCustom,  // errors in custom sections/annotations
                    Thread, Wait } kind;  // the threads proposal's `(thread $t ...)` and `(wait $t)`
  int line = 0;
  ScriptModule module;          // Module and the module assertions; AssertTrap on a module
  bool has_module = false;      // AssertTrap: true when it asserts on a module, not an action
  Action action;                // Action, AssertReturn, AssertTrap, AssertExhaustion
  std::vector<Expected> expected;   // AssertReturn
  std::string message;          // expected failure text of assert_*
  std::string register_as;      // Register: the import name
  std::optional<std::string> register_module;  // Register: $id, else the latest module
  std::optional<std::string> thread;           // Thread, Wait: the thread's $id
  // Thread: the main script's modules it sees, `(shared (module $m))`, and
  // its commands. A thread inside a thread keeps no body (nested_thread):
  // the runner reports it rather than run it.
  std::vector<std::string> shared_modules;
  std::vector<Command> body;
  bool nested_thread = false;
};
struct Script { std::vector<Command> commands; };
// Throws wasmrun::Error (Malformed), located at a line and column, for a
// script it cannot parse.
Script parse_script(std::string_view source, const Features& features);
}  // namespace wasmrun::wast
