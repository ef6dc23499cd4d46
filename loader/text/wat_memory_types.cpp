// Text format of memory and table types beyond 2.0: the address type
// (memory64: `(memory i64 1 2)`, `(table i64 1 funcref)`), 64-bit limits
// and the page size (custom page sizes: `(memory 1 (pagesize 1))`), and
// the memory index of memory instructions (multi-memory).
#include <bit>

#include "loader/text/module_parser.h"
#include "loader/text/numbers.h"

namespace wasmrun::text {

bool ModuleParser::address_type() {
  if (!features_.memory64 || cur().kind != TokKind::Keyword) return false;
  if (cur().text == "i64") {
    next();
    return true;
  }
  if (cur().text == "i32") next();
  return false;
}

// Bounds are read as u64 (with memory64, whose binary limits are u64 for
// every memory and table).
ModuleParser::MemLimits ModuleParser::mem_limits(bool is64, bool memory) {
  MemLimits out;
  out.is64 = is64;
  auto bound = [&] {
    uint64_t v = 0;
    NumResult r = cur().kind == TokKind::Keyword ? parse_uint(cur().text, 64, v) : NumResult::NotNumber;
    if (r == NumResult::NotNumber) fail("unexpected token, expected a number or index");
    if (r == NumResult::OutOfRange) fail(is64 ? "i64 constant out of range" : "constant out of range");
    // 2.0 has a u32 here; 3.0 encodes every bound as a u64 and leaves
    // those too large for a 32-bit memory or table to the validator.
    if (!is64 && v > UINT32_MAX && !features_.memory64) fail("constant out of range");
    next();
    return v;
  };
  out.limits.min = bound();
  if (at_index()) {
    out.limits.has_max = true;
    out.limits.max = bound();
  }
  if (memory) {
    page_size(out);
    shared_flag(out);
  }
  return out;
}

// threads: `shared` after the limits. The validator checks that a shared
// memory has a maximum.
void ModuleParser::shared_flag(MemLimits& out) {
  if (!features_.threads || cur().kind != TokKind::Keyword || cur().text != "shared") return;
  next();
  out.shared = true;
}

void ModuleParser::page_size(MemLimits& out) {
  if (!features_.custom_page_sizes || !at_field("pagesize")) return;
  next();
  next();
  uint64_t v = 0;
  NumResult r = cur().kind == TokKind::Keyword ? parse_uint(cur().text, 64, v) : NumResult::NotNumber;
  if (r != NumResult::Ok || !std::has_single_bit(v)) fail("invalid custom page size");
  next();
  expect_rparen();
  out.page_size_log2 = static_cast<uint8_t>(std::countr_zero(v));
}

void ModuleParser::put_mem_limits(Bytes& out, const MemLimits& l) {
  uint8_t flags = (l.limits.has_max ? 0x01 : 0) | (l.shared ? 0x02 : 0) | (l.is64 ? 0x04 : 0) | (l.page_size_log2 ? 0x08 : 0);
  out.push_back(flags);
  put_u32(out, l.limits.min);  // LEB128 of any width
  if (l.limits.has_max) put_u32(out, l.limits.max);
  if (l.page_size_log2) put_u32(out, *l.page_size_log2);
}

uint32_t ModuleParser::opt_memory() {
  if (!features_.multi_memory || !at_index()) return 0;
  return index(mems_);
}

}  // namespace wasmrun::text
