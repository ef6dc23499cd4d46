// Validation of the type section (WebAssembly 3.0, "Defined Types"): each
// declared supertype comes earlier, is not final and is matched
// structurally by its subtype. The value types inside definitions were
// bounded by the decoder (a reference may name any type of its own
// recursion group or of an earlier one).
#include <string>

#include "loader/error_text.h"
#include "loader/type_match.h"
#include "loader/validator_context.h"
#include "loader/validator_descriptors.h"

namespace wasmrun {

void validate_type_section(const Module& m) {
  for (uint32_t i = 0; i < m.type_defs.size(); ++i) {
    const SubType& st = m.type_defs[i];
    validate_descriptor_clauses(m, i);
    if (!st.has_super()) continue;
    const std::string which = "type " + std::to_string(i) + " declares supertype " + std::to_string(st.super);
    if (st.super >= i) throw_invalid_at(st.offset, "unknown type", which + ", which is not defined before it");
    const SubType& sup = m.type_defs[st.super];
    if (sup.final) throw_invalid_at(st.offset, "sub type", which + ", which is final");
    if (!composite_matches(i, st.super, m))
      throw_invalid_at(st.offset, "sub type " + std::to_string(i) + " does not match super type " + std::to_string(st.super),
                       which + ": a " + composite_name(st.kind) + " type that does not match its " +
                           composite_name(sup.kind) + " type");
    validate_descriptor_subtyping(m, i);
  }
}

void check_func_type_index(const Module& m, uint32_t idx, size_t offset) {
  if (idx >= m.types.size())
    throw_invalid_at(offset, "unknown type " + std::to_string(idx), index_space_detail("type", m.types.size()));
  if (!m.is_func_type(idx))
    throw_invalid_at(offset, "type mismatch",
                     "type " + std::to_string(idx) + " is a " + composite_name(m.type_defs[idx].kind) +
                         " type, not a function type");
}

}  // namespace wasmrun
