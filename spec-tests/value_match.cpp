#include "spec-tests/value_match.h"

#include <fmt/core.h>

#include <cstring>

namespace wasmrun::spectest {

namespace {

template <class T>
T lane(const uint8_t* bytes, int i) {
  T v;
  std::memcpy(&v, bytes + i * sizeof(T), sizeof(T));
  return v;
}

bool nan_matches_32(uint32_t bits, wast::NanPattern p) {
  bool is_nan = (bits & 0x7F800000u) == 0x7F800000u && (bits & 0x007FFFFFu) != 0;
  if (!is_nan) return false;
  if (p == wast::NanPattern::Canonical) return (bits & 0x007FFFFFu) == 0x00400000u;
  return (bits & 0x00400000u) != 0;  // arithmetic: quiet bit set
}

bool nan_matches_64(uint64_t bits, wast::NanPattern p) {
  const uint64_t exp = 0x7FF0000000000000ull, frac = 0x000FFFFFFFFFFFFFull, quiet = 0x0008000000000000ull;
  bool is_nan = (bits & exp) == exp && (bits & frac) != 0;
  if (!is_nan) return false;
  if (p == wast::NanPattern::Canonical) return (bits & frac) == quiet;
  return (bits & quiet) != 0;
}

int lane_count(wast::LaneShape s) {
  switch (s) {
    case wast::LaneShape::I8x16: return 16;
    case wast::LaneShape::I16x8: return 8;
    case wast::LaneShape::I32x4: case wast::LaneShape::F32x4: return 4;
    case wast::LaneShape::I64x2: case wast::LaneShape::F64x2: return 2;
  }
  return 0;
}

uint64_t lane_bits(const uint8_t* bytes, wast::LaneShape s, int i) {
  switch (s) {
    case wast::LaneShape::I8x16: return lane<uint8_t>(bytes, i);
    case wast::LaneShape::I16x8: return lane<uint16_t>(bytes, i);
    case wast::LaneShape::I32x4: case wast::LaneShape::F32x4: return lane<uint32_t>(bytes, i);
    case wast::LaneShape::I64x2: case wast::LaneShape::F64x2: return lane<uint64_t>(bytes, i);
  }
  return 0;
}

ValType type_of(wast::ValueKind k, ValType ref_type) {
  switch (k) {
    case wast::ValueKind::I32: return ValType::I32;
    case wast::ValueKind::I64: return ValType::I64;
    case wast::ValueKind::F32: return ValType::F32;
    case wast::ValueKind::F64: return ValType::F64;
    case wast::ValueKind::V128: return ValType::V128;
    case wast::ValueKind::RefNull: return ref_type;
    case wast::ValueKind::RefExtern: return ValType::ExternRef;
    case wast::ValueKind::RefFunc: return ValType::FuncRef;
    case wast::ValueKind::RefHost: return ValType::AnyRef;  // a host's reference, internalized
  }
  return ValType::I32;
}

bool is_ref(const Value& v) { return v.type.is_ref(); }

// Results are matched by their reference hierarchy (ref_hierarchy), whatever
// the function's declared result type.
Value by_hierarchy(const Value& v) {
  Value r = v;
  r.type = ref_hierarchy(v.type);
  return r;
}

const char* script_heap_name(wast::ScriptHeap h) {
  switch (h) {
    case wast::ScriptHeap::Func: return "func";
    case wast::ScriptHeap::NoFunc: return "nofunc";
    case wast::ScriptHeap::Extern: return "extern";
    case wast::ScriptHeap::NoExtern: return "noextern";
    case wast::ScriptHeap::Any: return "any";
    case wast::ScriptHeap::Eq: return "eq";
    case wast::ScriptHeap::I31: return "i31";
    case wast::ScriptHeap::Struct: return "struct";
    case wast::ScriptHeap::Array: return "array";
    case wast::ScriptHeap::None: return "none";
    case wast::ScriptHeap::Exn: return "exn";
    case wast::ScriptHeap::NoExn: return "noexn";
    case wast::ScriptHeap::Defined: return "$type";
  }
  return "?";
}

// `(ref.null HT)` expected: a null of HT's hierarchy (func, extern, exn or
// any). A defined type's hierarchy is not known here, so any null matches
// it.
bool null_matches(const Value& actual, wast::ScriptHeap h) {
  if (!is_ref(actual) || !actual.is_null()) return false;
  switch (h) {
    case wast::ScriptHeap::Func: case wast::ScriptHeap::NoFunc: return actual.type == ValType::FuncRef;
    case wast::ScriptHeap::Extern: case wast::ScriptHeap::NoExtern: return actual.type == ValType::ExternRef;
    case wast::ScriptHeap::Exn: case wast::ScriptHeap::NoExn: return actual.type == ValType::ExnRef;
    case wast::ScriptHeap::Any: case wast::ScriptHeap::Eq: case wast::ScriptHeap::I31:
    case wast::ScriptHeap::Struct: case wast::ScriptHeap::Array: case wast::ScriptHeap::None:
      return actual.type == ValType::AnyRef;
    case wast::ScriptHeap::Defined: return true;
  }
  return false;
}

}  // namespace

bool representable(const wast::Value&) {
  return true;  // nulls of every hierarchy, extern, host and func references
}

namespace {

// `(ref.HT)` expected: a non-null reference of that abstract heap type.
bool ref_of(const Value& actual, wast::ScriptHeap h) {
  if (!is_ref(actual) || actual.is_null()) return false;
  const ReferenceKind k = reference_kind(actual);
  switch (h) {
    case wast::ScriptHeap::Any: return actual.type == ValType::AnyRef;
    case wast::ScriptHeap::Eq: return k == ReferenceKind::I31 || k == ReferenceKind::Struct || k == ReferenceKind::Array;
    case wast::ScriptHeap::I31: return k == ReferenceKind::I31;
    case wast::ScriptHeap::Struct: return k == ReferenceKind::Struct;
    case wast::ScriptHeap::Array: return k == ReferenceKind::Array;
    case wast::ScriptHeap::Func: return k == ReferenceKind::Func;
    case wast::ScriptHeap::Extern: return actual.type == ValType::ExternRef;
    case wast::ScriptHeap::Exn: return k == ReferenceKind::Exn;
    default: return false;
  }
}

}  // namespace

Value to_runtime_value(const wast::Value& v) {
  Value r;
  r.type = type_of(v.kind, v.ref_type);
  switch (v.kind) {
    case wast::ValueKind::I32: r.i32 = static_cast<uint32_t>(v.bits); break;
    case wast::ValueKind::I64: r.i64 = v.bits; break;
    case wast::ValueKind::F32: { uint32_t b = static_cast<uint32_t>(v.bits); std::memcpy(&r.f32, &b, 4); break; }
    case wast::ValueKind::F64: std::memcpy(&r.f64, &v.bits, 8); break;
    case wast::ValueKind::V128: std::memcpy(r.v128.bytes, v.v128, 16); break;
    case wast::ValueKind::RefNull: r.ref = 0; break;
    case wast::ValueKind::RefExtern: r = Value::from_extern(v.bits); break;
    case wast::ValueKind::RefFunc: r.ref = 0; break;  // no way to name a function here
    case wast::ValueKind::RefHost: r.ref = Value::from_extern(v.bits).ref; break;
  }
  return r;
}

bool matches(const Value& result, const wast::Expected& e) {
  using K = wast::Expected::Kind;
  const Value actual = by_hierarchy(result);
  switch (e.kind) {
    case K::AnyRefFunc: return actual.type == ValType::FuncRef && !actual.is_null();
    case K::AnyRefExtern: return actual.type == ValType::ExternRef && !actual.is_null();
    case K::AnyRefOf: return ref_of(actual, e.value.heap);
    case K::AnyNull: return is_ref(actual) && actual.is_null();
    case K::Either:
      for (const wast::Expected& alt : e.alternatives)
        if (matches(actual, alt)) return true;
      return false;
    case K::Nan:
      if (e.value.kind == wast::ValueKind::F32) {
        if (actual.type != ValType::F32) return false;
        uint32_t b;
        std::memcpy(&b, &actual.f32, 4);
        return nan_matches_32(b, e.nan);
      }
      if (actual.type != ValType::F64) return false;
      {
        uint64_t b;
        std::memcpy(&b, &actual.f64, 8);
        return nan_matches_64(b, e.nan);
      }
    case K::V128Lanes: {
      if (actual.type != ValType::V128) return false;
      int n = lane_count(e.shape);
      for (int i = 0; i < n; ++i) {
        uint64_t bits = lane_bits(actual.v128.bytes, e.shape, i);
        wast::NanPattern p = i < static_cast<int>(e.lane_nan.size()) ? e.lane_nan[i] : wast::NanPattern::None;
        if (p != wast::NanPattern::None) {
          bool ok = e.shape == wast::LaneShape::F32x4 ? nan_matches_32(static_cast<uint32_t>(bits), p)
                                                       : nan_matches_64(bits, p);
          if (!ok) return false;
        } else if (i >= static_cast<int>(e.lane_bits.size()) || bits != e.lane_bits[i]) {
          return false;
        }
      }
      return true;
    }
    case K::Exact: {
      const wast::Value& v = e.value;
      if (v.kind == wast::ValueKind::RefNull) return null_matches(actual, v.heap);
      if (actual.type != type_of(v.kind, v.ref_type)) return false;
      switch (v.kind) {
        case wast::ValueKind::I32: return actual.i32 == static_cast<uint32_t>(v.bits);
        case wast::ValueKind::I64: return actual.i64 == v.bits;
        case wast::ValueKind::F32: { uint32_t b; std::memcpy(&b, &actual.f32, 4); return b == static_cast<uint32_t>(v.bits); }
        case wast::ValueKind::F64: { uint64_t b; std::memcpy(&b, &actual.f64, 8); return b == v.bits; }
        case wast::ValueKind::V128: return std::memcmp(actual.v128.bytes, v.v128, 16) == 0;
        case wast::ValueKind::RefNull: return actual.is_null();
        case wast::ValueKind::RefExtern:
        case wast::ValueKind::RefHost: return actual.is_host_extern() && actual.extern_id() == v.bits;
        case wast::ValueKind::RefFunc: return !actual.is_null();
      }
      return false;
    }
  }
  return false;
}

std::string describe(const Value& value) {
  const Value v = by_hierarchy(value);
  switch (v.type) {
    case ValType::I32: return fmt::format("i32:{}", v.i32);
    case ValType::I64: return fmt::format("i64:{}", v.i64);
    case ValType::F32: { uint32_t b; std::memcpy(&b, &v.f32, 4); return fmt::format("f32:{} (0x{:08x})", v.f32, b); }
    case ValType::F64: { uint64_t b; std::memcpy(&b, &v.f64, 8); return fmt::format("f64:{} (0x{:016x})", v.f64, b); }
    case ValType::V128: {
      std::string s = "v128:";
      for (int i = 0; i < 16; ++i) s += fmt::format("{:02x}", v.v128.bytes[i]);
      return s;
    }
    case ValType::FuncRef: return v.is_null() ? "ref.null func" : "funcref";
    case ValType::ExternRef:
    case ValType::AnyRef: {
      const char* top = v.type == ValType::AnyRef ? "any" : "extern";
      if (v.is_null()) return fmt::format("ref.null {}", top);
      switch (reference_kind(v)) {
        case ReferenceKind::HostExtern: return fmt::format("ref.{} {}", v.type == ValType::AnyRef ? "host" : "extern", v.extern_id());
        case ReferenceKind::I31: return fmt::format("ref.i31 {} ({})", v.i31_u(), top);
        case ReferenceKind::Struct: return fmt::format("ref.struct ({})", top);
        case ReferenceKind::Array: return fmt::format("ref.array ({})", top);
        default: return "ref";
      }
    }
    case ValType::ExnRef: return v.is_null() ? "ref.null exn" : "exnref";
  }
  return "?";
}

std::string describe(const wast::Expected& e) {
  using K = wast::Expected::Kind;
  switch (e.kind) {
    case K::AnyRefFunc: return "(ref.func)";
    case K::AnyRefExtern: return "(ref.extern)";
    case K::AnyRefOf: return fmt::format("(ref.{})", script_heap_name(e.value.heap));
    case K::AnyNull: return "(ref.null)";
    case K::Either: {
      std::string s = "(either";
      for (const wast::Expected& alt : e.alternatives) {
        s += ' ';
        s += describe(alt);
      }
      s += ')';
      return s;
    }
    case K::Nan:
      return fmt::format("{}:nan:{}", e.value.kind == wast::ValueKind::F32 ? "f32" : "f64",
                         e.nan == wast::NanPattern::Canonical ? "canonical" : "arithmetic");
    case K::V128Lanes: {
      std::string s = "v128 lanes:";
      for (size_t i = 0; i < e.lane_bits.size() || i < e.lane_nan.size(); ++i) {
        if (i < e.lane_nan.size() && e.lane_nan[i] != wast::NanPattern::None) s += " nan";
        else if (i < e.lane_bits.size()) s += fmt::format(" 0x{:x}", e.lane_bits[i]);
      }
      return s;
    }
    case K::Exact: return describe(e.value);
  }
  return "?";
}

std::string describe(const wast::Value& v) {
  if (v.kind == wast::ValueKind::RefNull) return fmt::format("ref.null {}", script_heap_name(v.heap));
  if (v.kind == wast::ValueKind::RefHost) return fmt::format("ref.host {}", v.bits);
  return describe(to_runtime_value(v));
}

}  // namespace wasmrun::spectest
