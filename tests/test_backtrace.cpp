// Traps' backtraces (Error::backtrace): the chain of wasm frames a trap
// went up through, innermost first, with host frames between them.
#include <catch2/catch.hpp>

#include "interp/exec/bounds_mode.h"
#include "test_interp_util.h"
#include "wasm_bytes.h"

namespace {

using namespace wasmrun;
using wasmrun::test::instantiate_wat;

// Calls `name` and returns the error it must fail with.
Error trap_of(Store& store, Instance* inst, const char* name, std::vector<Value> args = {}) {
  try {
    store.call(inst->func(name), args);
  } catch (const Error& e) {
    return e;
  }
  FAIL("no trap");
  return Error(ErrorKind::Trap, "");
}

// The function indices of a backtrace, -1 for host frames.
std::vector<int> functions(const Error& e) {
  std::vector<int> out;
  for (const TraceFrame& f : e.backtrace()) out.push_back(f.host ? -1 : static_cast<int>(f.function));
  return out;
}

const char* kChain = R"(
  (module
    (memory 1)
    (func $div (param i32) (result i32)
      (if (i32.eqz (local.get 0)) (then unreachable))
      (i32.div_u (i32.const 1) (local.get 0)))
    (func $middle (param i32) (result i32) (call $div (local.get 0)))
    (func (export "outer") (param i32) (result i32) (call $middle (local.get 0)))
    (func $load (param i32) (result i32) (i32.load (local.get 0)))
    (func (export "oob") (param i32) (result i32) (i32.add (i32.const 1) (call $load (local.get 0))))
    (func $tail (param i32) (result i32) (return_call $div (local.get 0)))
    (func (export "via_tail") (param i32) (result i32) (call $tail (local.get 0))))
)";

}  // namespace

TEST_CASE("backtrace: a trap three calls deep names each frame at its instruction", "[backtrace]") {
  Store store;
  Instance* inst = instantiate_wat(store, kChain);
  Error e = trap_of(store, inst, "outer", {Value::from_i32(0)});
  CHECK(std::string(e.what()) == "unreachable");
  REQUIRE(functions(e) == std::vector<int>{0, 1, 2});
  const auto& bt = e.backtrace();
  // $div: local.get 0 (2 bytes), i32.eqz (1), if (2), then unreachable.
  CHECK(bt[0].function_offset == 5);
  // $middle and outer: local.get 0 (2 bytes), then the call.
  CHECK(bt[1].function_offset == 2);
  CHECK(bt[2].function_offset == 2);
  CHECK(bt[2].function_name == "export \"outer\"");
  CHECK(bt[0].function_name.empty());
  // Module offsets: each function's body comes after the one before.
  CHECK(bt[0].offset < bt[1].offset);
  CHECK(bt[1].offset < bt[2].offset);
  CHECK(bt[0].describe().rfind("func[0] at offset 0x", 0) == 0);
  CHECK(e.backtrace_omitted() == 0);
  // A numeric trap is not noted by the loop yet (enter_run in
  // interpreter.cpp): it has no frames rather than wrong ones.
  Instance* numeric = instantiate_wat(store, R"(
    (module (func (export "div") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0))))
  )");
  Error d = trap_of(store, numeric, "div", {Value::from_i32(0)});
  CHECK(std::string(d.what()) == "integer divide by zero");
  CHECK(d.backtrace().empty());
  // The store stays usable, and the next trap has its own backtrace.
  CHECK(wasmrun::test::invoke_i32(store, inst, "outer", {Value::from_i32(1)}) == 1);
  CHECK(functions(trap_of(store, inst, "outer", {Value::from_i32(0)})) == std::vector<int>{0, 1, 2});
}

TEST_CASE("backtrace: a tail call's frame is gone, its caller's is not", "[backtrace]") {
  Store store;
  Instance* inst = instantiate_wat(store, kChain);
  CHECK(functions(trap_of(store, inst, "via_tail", {Value::from_i32(0)})) == std::vector<int>{0, 6});
}

TEST_CASE("backtrace: an out of bounds access names the function that made it", "[backtrace]") {
  Store store;
  Instance* inst = instantiate_wat(store, kChain);
  Error e = trap_of(store, inst, "oob", {Value::from_i32(70000)});
  CHECK(std::string(e.what()) == "out of bounds memory access");
  // With guard regions the fault's registers give the function but not
  // reliably the frame stack's top, so only it is listed
  // (interpreter.cpp, trap_out_of_bounds_at); an access that explicit
  // checks find is not noted yet, and has no frames.
  if (interp::bounds_mode() == interp::BoundsMode::Explicit) {
    CHECK(e.backtrace().empty());
    return;
  }
  // The pc is found only where the compiler kept it in a register at the
  // fault (it does in the Release build; at -O1 under the sanitizers it
  // may not): then the frame is exact, else there is none.
  if (e.backtrace().empty()) return;
  REQUIRE(functions(e) == std::vector<int>{3});
  CHECK(e.backtrace()[0].function_offset == 2);  // local.get 0, then i32.load

  // A store, and a bulk fill, each after another instruction.
  Instance* more = instantiate_wat(store, R"(
    (module
      (memory 1)
      (func (export "store") (param i32)
        (i32.store (i32.const 0) (i32.const 1))
        (i32.store (local.get 0) (i32.const 2))
        (i32.store (i32.const 4) (i32.const 3))))
  )");
  // i32.const 0, i32.const 1, i32.store (3 bytes), local.get 0,
  // i32.const 2: the trapping store is 11 bytes in.
  Error st = trap_of(store, more, "store", {Value::from_i32(70000)});
  if (st.backtrace().empty()) return;
  CHECK(functions(st) == std::vector<int>{0});
  CHECK(st.backtrace()[0].function_offset == 11);
}

TEST_CASE("backtrace: host frames sit between the wasm frames around them", "[backtrace]") {
  Store store;
  FuncType void_type;
  Func* refuse = store.host_func(void_type, [](HostCall&, std::span<const Value>, std::span<Value>) {
    throw Error(ErrorKind::Trap, "host refuses");
  });
  Imports imports;
  imports.add("env", "refuse", refuse);
  Instance* inst = instantiate_wat(store, R"(
    (module
      (import "env" "refuse" (func $refuse))
      (func $calls_host (call $refuse))
      (func (export "run") (call $calls_host)))
  )", imports);
  Error e = trap_of(store, inst, "run");
  CHECK(std::string(e.what()) == "host refuses");
  CHECK(functions(e) == std::vector<int>{-1, 1, 2});
  CHECK(e.backtrace()[1].function_offset == 0);  // the call is $calls_host's first instruction
  CHECK(e.backtrace()[0].describe() == "<host>");

  // wasm -> host -> wasm, trapping in the inner wasm.
  Instance* inner = instantiate_wat(store, R"(
    (module (func (export "boom") unreachable))
  )");
  Func* boom = inner->func("boom");
  Func* reenter = store.host_func(void_type, [boom](HostCall& call, std::span<const Value>, std::span<Value>) {
    call.store.call(boom, {});
  });
  Imports imports2;
  imports2.add("env", "reenter", reenter);
  Instance* outer = instantiate_wat(store, R"(
    (module
      (import "env" "reenter" (func $reenter))
      (func (export "run") (nop) (call $reenter)))
  )", imports2);
  Error e2 = trap_of(store, outer, "run");
  CHECK(std::string(e2.what()) == "unreachable");
  CHECK(functions(e2) == std::vector<int>{0, -1, 1});
  CHECK(e2.backtrace()[2].function_offset == 1);  // after the nop
}

TEST_CASE("backtrace: a call into another instance keeps both instances' frames", "[backtrace]") {
  Store store;
  Instance* a = instantiate_wat(store, R"(
    (module (func $f (unreachable)) (func (export "f") (call $f)))
  )");
  Imports imports;
  imports.add("a", "f", a->func("f"));
  Instance* b = instantiate_wat(store, R"(
    (module
      (import "a" "f" (func $f))
      (func $g (call $f))
      (func (export "g") (call $g)))
  )", imports);
  // a's $f (0) and export (1), then b's $g (1) and export (2).
  CHECK(functions(trap_of(store, b, "g")) == std::vector<int>{0, 1, 1, 2});
}

TEST_CASE("backtrace: names come from the name section", "[backtrace]") {
  using namespace wasmrun::testing;
  // (func $crash unreachable), exported as "run"; name section: module
  // "prog", function 0 "crash".
  Bytes names = cat({str("name"), {0x00}, uleb(5), str("prog"), {0x01}, uleb(8), vec({cat({uleb(0), str("crash")})})});
  Bytes bin = module({section(1, vec({functype({}, {})})), section(3, vec({uleb(0)})),
                      section(7, vec({cat({str("run"), {0x00}, uleb(0)})})),
                      section(10, vec({code_entry(uleb(0), {0x00, 0x0B})})), section(0, names)});
  Store store;
  auto m = CompiledModule::from_binary(bin, store.features());
  Instance* inst = store.instantiate(*m, Imports{});
  Error e = trap_of(store, inst, "run");
  REQUIRE(e.backtrace().size() == 1);
  CHECK(e.backtrace()[0].function_name == "$crash");
  CHECK(e.backtrace()[0].module_name == "prog");
  CHECK(e.backtrace()[0].describe().rfind("func[0] ($crash) in module prog at offset 0x", 0) == 0);
}

TEST_CASE("backtrace: a stack overflow keeps its innermost frames and counts the rest", "[backtrace]") {
  Store store;
  Instance* inst = instantiate_wat(store, R"(
    (module (func $deep (export "deep") (call $deep)))
  )");
  Error e = trap_of(store, inst, "deep");
  CHECK(e.kind() == ErrorKind::Exhaustion);
  CHECK(e.backtrace().size() == Error::kMaxTraceFrames);
  CHECK(e.backtrace_omitted() > 1000);
  for (const TraceFrame& f : e.backtrace()) CHECK(f.function_offset == 0);
  // An error that replaces it with another message keeps all of it.
  Error renamed(ErrorKind::Trap, "something else");
  renamed.copy_backtrace(e);
  CHECK(renamed.backtrace().size() == e.backtrace().size());
  CHECK(renamed.backtrace_omitted() == e.backtrace_omitted());
}
