#include "val_type_reader.h"

#include "instr_reader.h"

namespace wasmrun {

bool abstract_heap_of(uint8_t byte, const Features& f, AbsHeap& out) {
  switch (byte) {
    case 0x70:
    case 0x6F: break;  // func, extern: 2.0
    case 0x73:
    case 0x72:
      if (!f.function_references && !f.gc) return false;
      break;
    case 0x69:
    case 0x74:
      if (!f.exceptions) return false;
      break;
    case 0x71:
    case 0x6E:
    case 0x6D:
    case 0x6C:
    case 0x6B:
    case 0x6A:
      if (!f.gc) return false;
      break;
    default: return false;
  }
  out = static_cast<AbsHeap>(byte);
  return true;
}

HeapType read_heap_type(ByteReader& r, const Features& f, uint32_t type_count) {
  const size_t at = r.offset();
  int64_t v = r.s33();
  // Custom descriptors: 0x62 x:u32 is (exact x); a u32, so no abstract
  // type can be exact.
  constexpr int64_t kExactPrefix = int64_t{0x62} - 0x80;
  if (v == kExactPrefix && f.custom_descriptors) {
    const size_t idx_at = r.offset();
    const int64_t x = r.s33();
    if (x < 0) throw_malformed_at(idx_at, "malformed heap type", "an exact abstract heap type");
    if (static_cast<uint64_t>(x) >= type_count) throw_invalid_at(idx_at, "unknown type", std::to_string(x));
    return HeapType::index(static_cast<uint32_t>(x)).with_exact(true);
  }
  if (v < 0) {
    AbsHeap a;
    if (v < -64 || !abstract_heap_of(static_cast<uint8_t>(v & 0x7F), f, a))
      throw_malformed_at(at, "malformed heap type");
    return HeapType::abs(a);
  }
  if (!f.function_references) throw_disabled_feature(at, "malformed heap type", "function-references");
  if (static_cast<uint64_t>(v) >= type_count) throw_invalid_at(at, "unknown type", std::to_string(v));
  return HeapType::index(static_cast<uint32_t>(v));
}

ValType read_val_type(ByteReader& r, const Features& f, uint32_t type_count) {
  const size_t at = r.offset();
  uint8_t b = r.peek();
  if (b == ValType::kRefNullCode || b == ValType::kRefCode) {
    r.u8();
    if (!f.function_references) throw_disabled_feature(at, "malformed value type", "function-references");
    return ValType::ref(read_heap_type(r, f, type_count), b == ValType::kRefNullCode);
  }
  r.u8();
  AbsHeap a;
  if (abstract_heap_of(b, f, a)) return ValType::ref_null(a);
  return decode_val_type(b, f, at);
}

ValType read_ref_type(ByteReader& r, const Features& f, uint32_t type_count) {
  const size_t at = r.offset();
  uint8_t b = r.peek();
  AbsHeap a;
  if (b != ValType::kRefNullCode && b != ValType::kRefCode && !abstract_heap_of(b, f, a))
    throw_malformed_at(at, "malformed reference type");
  return read_val_type(r, f, type_count);
}

}  // namespace wasmrun
