// Internal to the validator: the typing rules of the GC instructions
// (WebAssembly 3.0, "Aggregate reference instructions", casts, i31 and
// the any/extern conversions), shared by function bodies and constant
// expressions through the operand stack each of them keeps.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "loader/instr_reader.h"
#include "loader/module.h"
#include "loader/validator.h"

namespace wasmrun {

// The operand stack a rule pops and pushes. A function body's becomes
// polymorphic after an unconditional branch; a constant expression's never
// does. Calls through it are made only for GC instructions.
class OperandStack {
 public:
  // Pops one operand whatever its type: the unknown type (ValType{}) on a
  // polymorphic stack with nothing left; "type mismatch" if the stack has
  // nothing left otherwise.
  virtual ValType pop_any() = 0;
  // Pops one operand that must match `expect` ("type mismatch").
  virtual ValType pop(ValType expect) = 0;
  virtual void push(ValType t) = 0;
  // How many operands the current block can pop before the stack runs
  // out (then either unknown operands or "type mismatch").
  virtual size_t available() const = 0;
  // The types a branch to label `depth` takes ("unknown label"). A
  // constant expression has no labels.
  virtual std::span<const ValType> label_types(uint32_t depth) = 0;

 protected:
  ~OperandStack() = default;
};

// Whether `op` is one of the instructions validate_gc_instr types.
bool is_gc_op(Op op);

// The instructions a constant expression may hold beyond the numeric ones
// and global.get (3.0's Instr_const: struct.new, array.new_fixed, ref.i31,
// the conversions, ...).
bool is_gc_const_op(Op op);

// Types GC instruction `in` on `stack` (a function body's or a constant
// expression's). `body` gives the element segments' types; data segments
// are counted by the module's data count. Throws Invalid with the test
// suite's messages ("type mismatch", "immutable field", "unknown type 3",
// ...), or Malformed for a data index without a data count section.
void validate_gc_instr(const Instr& in, const Module& m, const BodyContext& body, OperandStack& stack);

}  // namespace wasmrun
