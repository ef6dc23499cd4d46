#include "loader/decoder.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "loader/byte_reader.h"
#include "loader/error_text.h"
#include "loader/instr_reader.h"
#include "loader/parallel.h"
#include "loader/type_canon.h"
#include "loader/type_match.h"
#include "loader/val_type_reader.h"

namespace wasmrun {

namespace {

// Errors only: a body or section that does not end where its size says.
std::string body_end_detail(size_t declared_end, size_t actual_end) {
  return "its size says it ends at " + hex(declared_end) + ", its contents end at " + hex(actual_end);
}

}  // namespace

size_t scan_instructions(std::span<const uint8_t> code, size_t base_offset, const Features& features,
                         bool& uses_data_index) {
  // Open blocks: 0 block/loop/try_table, 1 if, 2 if after its else, 3 a
  // legacy try, 4 a try after a catch. An `else` anywhere else cannot be
  // parsed as structured control (nor a catch or delegate).
  InstrReader ir(code, base_offset, features);
  Instr in;
  std::vector<uint8_t> open;
  open.reserve(16);
  for (;;) {
    ir.next(in);
    switch (in.op) {
      case Op::Block:
      case Op::Loop: open.push_back(0); break;
      case Op::If: open.push_back(1); break;
      case Op::TryTable: open.push_back(0); break;
      case Op::Try: open.push_back(3); break;
      case Op::Catch:
      case Op::CatchAll:
        if (open.empty() || open.back() < 3) throw_malformed_at(in.offset, "END opcode expected", "catch outside try");
        open.back() = 4;
        break;
      case Op::Delegate:
        if (open.empty() || open.back() != 3) throw_malformed_at(in.offset, "END opcode expected", "delegate outside try");
        open.pop_back();
        break;
      case Op::Else:
        if (open.empty() || open.back() != 1) throw_malformed_at(in.offset, "END opcode expected", "else outside if");
        open.back() = 2;
        break;
      case Op::End:
        if (open.empty()) return ir.offset();
        open.pop_back();
        break;
      case Op::MemoryInit:
      case Op::DataDrop: uses_data_index = true; break;
      default: break;
    }
  }
}

void check_body_syntax(const Module& m, const Function& fn, const Features& features) {
  std::span<const uint8_t> body = m.body(fn);
  bool uses_data = false;
  size_t stop;
  try {
    stop = scan_instructions(body, fn.body_offset, features, uses_data);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Malformed && std::string_view(e.what()) == "unexpected end")
      throw Error(ErrorKind::Malformed, "unexpected end of section or function", e.location(), e.detail());
    throw;
  }
  const size_t end = size_t{fn.body_offset} + fn.body_size;
  if (stop != end) throw_malformed_at(stop, "section size mismatch", body_end_detail(end, stop));
  if (uses_data && !m.data_count)
    throw_malformed_at(fn.body_offset, "data count section required", "memory.init or data.drop in the body");
}

namespace {

// Section ids of the binary format.
enum SectionId : uint8_t {
  kCustom = 0, kType = 1, kImport = 2, kFunction = 3, kTable = 4, kMemory = 5,
  kGlobal = 6, kExport = 7, kStart = 8, kElement = 9, kCode = 10, kData = 11,
  kDataCount = 12, kTag = 13,
};

// Position of a non-custom section in the required order (the data count
// section sits between element and code although its id is the largest).
// The tag section comes between memory and global.
int section_rank(uint8_t id) {
  switch (id) {
    case kDataCount: return 20;
    case kCode: return 22;
    case kData: return 24;
    case kTag: return 2 * kMemory + 1;
    default: return 2 * id;
  }
}

class Decoder {
 public:
  Decoder(Module& m, const Features& f, const DecodeOptions& opts) : m_(m), f_(f), opts_(opts) {}

  void run() {
    ByteReader r(m_.bytes);
    read_header(r);
    int last_rank = 0;
    while (!r.at_end()) {
      const size_t start = r.offset();
      uint8_t id = r.u8();
      if (id > kTag || (id == kTag && !f_.exceptions))
        throw_malformed_at(start, "malformed section id", "id " + std::to_string(id));
      const size_t size_at = r.offset();
      uint32_t size = r.u32();
      if (size > r.remaining())
        throw_malformed_at(size_at, "length out of bounds",
                           "section size " + std::to_string(size) + ", " + std::to_string(r.remaining()) +
                               " bytes left");
      if (id != kCustom) {
        int rank = section_rank(id);
        if (rank <= last_rank)
          throw_malformed_at(start, "unexpected content after last section",
                             "section id " + std::to_string(id) + " out of order or repeated");
        last_rank = rank;
      }
      // Contents are read from the rest of the file, not a reader cut at
      // the section's end, and the size is checked afterwards: this is how
      // the reference decoder works, so the first error found (and its
      // message) matches the test suite's.
      size_t end = r.offset() + size;
      try {
        if (id == kCustom) {
          // Custom sections are self-contained: read within their bounds.
          ByteReader s = r.sub(size);
          read_custom(s);
        } else {
          read_section(id, r);
        }
      } catch (const Error& e) {
        // The plain "unexpected end" is kept for the header.
        if (e.kind() == ErrorKind::Malformed && std::string_view(e.what()) == "unexpected end")
          throw Error(ErrorKind::Malformed, "unexpected end of section or function", e.location(), e.detail());
        throw;
      }
      if (r.offset() != end) throw_malformed_at(r.offset(), "section size mismatch", body_end_detail(end, r.offset()));
    }
    finish();
  }

 private:
  static void read_header(ByteReader& r) {
    auto magic = r.bytes(4);
    if (magic[0] != 0x00 || magic[1] != 0x61 || magic[2] != 0x73 || magic[3] != 0x6D)
      throw_malformed_at(0, "magic header not detected", "not \\0asm");
    auto version = r.bytes(4);
    if (version[0] != 1 || version[1] != 0 || version[2] != 0 || version[3] != 0)
      throw_malformed_at(4, "unknown binary version",
                         "version " + std::to_string(version[0] | version[1] << 8 | version[2] << 16 |
                                                     static_cast<uint32_t>(version[3]) << 24));
  }

  // A vector length. It is not checked here (the elements' own errors are
  // the ones the test suite expects), but every element takes at least one
  // byte, so reservations are capped by the bytes left: a lying count
  // fails on reading, never on allocating.
  static uint32_t count(ByteReader& r) { return r.u32(); }
  static size_t reserve_bound(uint32_t n, const ByteReader& r) {
    return std::min<size_t>(n, r.remaining());
  }

  void read_section(uint8_t id, ByteReader& s) {
    switch (id) {
      case kType: read_types(s); break;
      case kImport: read_imports(s); break;
      case kFunction: read_functions(s); break;
      case kTable: read_tables(s); break;
      case kMemory: read_memories(s); break;
      case kGlobal: read_globals(s); break;
      case kExport: read_exports(s); break;
      case kStart:
        m_.start_offset = static_cast<uint32_t>(s.offset());
        m_.start = s.u32();
        break;
      case kElement: read_elems(s); break;
      case kCode: read_code(s); break;
      case kData: read_datas(s); break;
      case kDataCount: m_.data_count = s.u32(); break;
      case kTag: read_tags(s); break;
      default: throw_malformed_at(s.offset(), "malformed section id");
    }
  }

  // ---- types -------------------------------------------------------------

  // Type indices up to the end of the recursion group being defined (a
  // type may refer to itself and to the other types of its group).
  uint32_t type_bound() const { return in_type_section_ ? type_bound_ : static_cast<uint32_t>(m_.types.size()); }
  ValType val_type(ByteReader& r) { return read_val_type(r, f_, type_bound()); }
  ValType ref_type(ByteReader& r) { return read_ref_type(r, f_, type_bound()); }

  // A tag type: an attribute byte (0, an exception) and a type index.
  uint32_t tag_type(ByteReader& r) {
    const size_t at = r.offset();
    if (r.u8() != 0) throw_malformed_at(at, "malformed tag attribute");
    return r.u32();
  }

  Limits limits(ByteReader& r) {
    Limits l;
    // The flags are a one-bit LEB128 number, hence these messages.
    const size_t at = r.offset();
    uint8_t flags = r.u8();
    if (flags & 0x80) throw_malformed_at(at, "integer representation too long", "limits flags");
    if (flags > 1) throw_malformed_at(at, "integer too large", "limits flags " + hex(flags));
    l.min = r.u32();
    if (flags & 1) {
      l.has_max = true;
      l.max = r.u32();
    }
    return l;
  }

  // Limits flags of 3.0 (memory64, custom page sizes): bit 0 a maximum,
  // bit 1 shared, bit 2 i64 addresses, bit 3 a page size follows. `allowed`
  // is the set this kind of limits may use with the features on.
  struct LimitsFlags {
    uint8_t bits = 0;
    bool has_max() const { return bits & 1; }
    bool shared() const { return bits & 2; }
    bool is64() const { return bits & 4; }
    bool page_size() const { return bits & 8; }
  };
  LimitsFlags limits_flags(ByteReader& r, uint8_t allowed) {
    const size_t at = r.offset();
    uint8_t flags = r.u8();
    if (flags & ~allowed) throw_malformed_at(at, "malformed limits flags", hex(flags));
    return LimitsFlags{flags};
  }
  // 3.0 reads every bound as a u64; the validator checks a 32-bit one's range.
  Limits limits_of(ByteReader& r, LimitsFlags f) {
    Limits l;
    l.min = r.u64();
    if (f.has_max()) {
      l.has_max = true;
      l.max = r.u64();
    }
    return l;
  }
  bool new_limits() const { return f_.memory64 || f_.custom_page_sizes || f_.threads; }

  TableType table_type(ByteReader& r) {
    TableType t;
    t.elem = ref_type(r);
    if (!new_limits()) {
      t.limits = limits(r);
      return t;
    }
    LimitsFlags f = limits_flags(r, f_.memory64 ? 0x05 : 0x01);
    t.limits = limits_of(r, f);
    t.is64 = f.is64();
    return t;
  }

  MemoryType memory_type(ByteReader& r) {
    MemoryType t;
    if (!new_limits()) {
      t.limits = limits(r);
      return t;
    }
    uint8_t allowed = 0x01 | (f_.threads ? 0x02 : 0) | (f_.memory64 ? 0x04 : 0) | (f_.custom_page_sizes ? 0x08 : 0);
    LimitsFlags f = limits_flags(r, allowed);
    t.limits = limits_of(r, f);
    t.is64 = f.is64();
    t.shared = f.shared();
    if (f.page_size()) {
      const size_t at = r.offset();
      uint32_t log2 = r.u32();
      // Only 1 and 65536 are valid (the validator says so); a page size
      // past 2^64 cannot even be represented.
      if (log2 > 64) throw_malformed_at(at, "invalid custom page size", "2^" + std::to_string(log2));
      t.page_size_log2 = static_cast<uint8_t>(log2);
    }
    return t;
  }

  GlobalType global_type(ByteReader& r) {
    GlobalType g;
    g.type = val_type(r);
    const size_t at = r.offset();
    uint8_t mut = r.u8();
    if (mut > 1) throw_malformed_at(at, "malformed mutability");
    g.mut = mut == 1;
    return g;
  }

  // A constant expression (any instruction sequence up to the `end` that
  // closes it); whether it is constant is checked by the validator.
  ConstExpr const_expr(ByteReader& r) {
    InstrReader ir(std::span<const uint8_t>(r.data(), r.remaining()), r.offset(), f_);
    size_t start = r.offset();
    Instr in;
    uint32_t depth = 0;
    for (;;) {
      ir.next(in);
      if (in.op == Op::Block || in.op == Op::Loop || in.op == Op::If || in.op == Op::Try || in.op == Op::TryTable) {
        ++depth;
      } else if (in.op == Op::End) {
        if (depth == 0) break;
        --depth;
      }
      note_instr(in);
    }
    size_t len = ir.offset() - start;
    auto code = r.bytes(len);
    return ConstExpr{std::vector<uint8_t>(code.begin(), code.end()), static_cast<uint32_t>(start)};
  }

  // ---- sections ----------------------------------------------------------

  void read_custom(ByteReader& s) {
    CustomSection c;
    c.name = s.name();
    c.offset = static_cast<uint32_t>(s.offset());
    c.size = static_cast<uint32_t>(s.remaining());
    ByteReader payload = s.sub(c.size);
    if (c.name == "name") {
      // A broken name section is only debug information lost: ignore it.
      try {
        read_names(payload);
      } catch (const Error&) {
        m_.module_name.clear();
        m_.func_names.clear();
      }
    }
    m_.customs.push_back(std::move(c));
  }

  void read_names(ByteReader& r) {
    while (!r.at_end()) {
      uint8_t id = r.u8();
      uint32_t size = r.u32();
      ByteReader sub = r.sub(size);
      if (id == 0) {
        m_.module_name = sub.name();
      } else if (id == 1) {
        uint32_t n = count(sub);
        for (uint32_t i = 0; i < n; ++i) {
          uint32_t idx = sub.u32();
          m_.func_names[idx] = sub.name();
        }
      }
    }
  }

  // typesec: a vector of recursion groups (GC: `0x4E vec(subtype)`, or one
  // subtype alone); without GC a vector of function types.
  void read_types(ByteReader& s) {
    uint32_t n = count(s);
    m_.types.reserve(reserve_bound(n, s));
    m_.type_defs.reserve(reserve_bound(n, s));
    in_type_section_ = true;
    for (uint32_t i = 0; i < n; ++i) {
      const uint32_t begin = static_cast<uint32_t>(m_.types.size());
      uint32_t size = 1;
      if (f_.gc && s.peek() == 0x4E) {
        s.u8();
        size = count(s);
      }
      // A type may refer to every type of its own group.
      if (size > UINT32_MAX - begin) throw_malformed_at(s.offset(), "length out of bounds");
      type_bound_ = begin + size;
      for (uint32_t k = 0; k < size; ++k) read_sub_type(s, begin, size);
    }
    in_type_section_ = false;
    m_.type_canon = canonical_type_ids(m_.types, m_.type_defs);
  }

  // subtype ::= 0x50 vec(typeidx) comptype | 0x4F vec(typeidx) comptype
  //           | comptype (final, no supertype)
  void read_sub_type(ByteReader& s, uint32_t rec_begin, uint32_t rec_size) {
    SubType st;
    st.rec_begin = rec_begin;
    st.rec_size = rec_size;
    st.offset = static_cast<uint32_t>(s.offset());
    uint8_t b = s.peek();
    if (f_.gc && (b == 0x50 || b == 0x4F)) {
      s.u8();
      st.final = b == 0x4F;
      const size_t at = s.offset();
      uint32_t supers = count(s);
      if (supers > 1) throw_invalid_at(at, "multiple supertypes", std::to_string(supers) + " supertypes");
      if (supers == 1) {
        const size_t idx_at = s.offset();
        st.super = s.u32();
        if (st.super >= type_bound_) throw_invalid_at(idx_at, "unknown type", std::to_string(st.super));
      }
    }
    // Custom descriptors: describingcomptype ::= 0x4C x ct | ct,
    // describedcomptype ::= 0x4D x ct | ct. Their indices are bounded by the
    // validator (they must name types of the same group).
    if (f_.custom_descriptors && s.peek() == 0x4C) {
      s.u8();
      st.describes = s.u32();
    }
    if (f_.custom_descriptors && s.peek() == 0x4D) {
      s.u8();
      st.descriptor = s.u32();
    }
    const size_t at = s.offset();
    uint8_t form = s.u8();
    FuncType ft;
    switch (f_.gc ? form : (form == 0x60 ? form : 0)) {
      case 0x60: {
        st.kind = Composite::Func;
        uint32_t np = count(s);
        ft.params.reserve(reserve_bound(np, s));
        for (uint32_t k = 0; k < np; ++k) ft.params.push_back(val_type(s));
        uint32_t nr = count(s);
        ft.results.reserve(reserve_bound(nr, s));
        for (uint32_t k = 0; k < nr; ++k) ft.results.push_back(val_type(s));
        break;
      }
      case 0x5F: {
        st.kind = Composite::Struct;
        uint32_t nf = count(s);
        st.fields.reserve(reserve_bound(nf, s));
        for (uint32_t k = 0; k < nf; ++k) st.fields.push_back(field_type(s));
        break;
      }
      case 0x5E:
        st.kind = Composite::Array;
        st.fields.push_back(field_type(s));
        break;
      default:
        // The form is a one-byte s7: a continuation bit makes it too long.
        // A descriptor or describes clause out of its place (repeated, or
        // in the wrong order).
        if (f_.custom_descriptors && (form == 0x4C || form == 0x4D))
          throw_malformed_at(at, "malformed definition type", "a misplaced clause " + hex(form));
        if (f_.gc && !(form & 0x80)) throw_malformed_at(at, "malformed type", "type form " + hex(form));
        throw_malformed_at(at, "integer representation too long", "type form " + hex(form) + ", not 0x60");
    }
    m_.types.push_back(std::move(ft));
    m_.type_defs.push_back(std::move(st));
  }

  // fieldtype ::= storagetype mut, storagetype ::= valtype | 0x78 i8 | 0x77 i16
  FieldType field_type(ByteReader& s) {
    FieldType f;
    uint8_t b = s.peek();
    if (b == kPackedI8 || b == kPackedI16) {
      s.u8();
      f.storage = ValType::from_code(b);
    } else if (f_.custom_descriptors && b == 0x62) {
      // The exact prefix belongs inside a reference type.
      throw_malformed_at(s.offset(), "malformed storage type", "the exact prefix 0x62 outside a reference type");
    } else if (f_.custom_descriptors) {
      // A malformed heap type in a field is its storage type's error.
      try {
        f.storage = val_type(s);
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::Malformed || std::string_view(e.message()) != "malformed heap type") throw;
        throw Error(ErrorKind::Malformed, "malformed storage type", e.location(), e.detail());
      }
    } else {
      f.storage = val_type(s);
    }
    const size_t at = s.offset();
    uint8_t mut = s.u8();
    if (mut > 1) throw_malformed_at(at, "malformed mutability", hex(mut));
    f.mut = mut == 1;
    return f;
  }

  void read_imports(ByteReader& s) {
    uint32_t n = count(s);
    m_.imports.reserve(reserve_bound(n, s));
    for (uint32_t i = 0; i < n; ++i) {
      Import im;
      im.entry_offset = static_cast<uint32_t>(s.offset());
      im.module = s.name();
      im.name = s.name();
      const size_t kind_at = s.offset();
      uint8_t kind = s.u8();
      switch (kind) {
        case 0x20:  // custom descriptors: a function of exactly the type
          if (!f_.custom_descriptors) throw_malformed_at(kind_at, "malformed import kind", hex(kind));
          im.exact = true;
          [[fallthrough]];
        case 0:
          im.kind = ExternKind::Func;
          im.func_type = s.u32();
          m_.func_types.push_back(im.func_type);
          ++m_.num_imported_funcs;
          break;
        case 1:
          im.kind = ExternKind::Table;
          im.table = table_type(s);
          m_.all_tables.push_back(im.table);
          ++m_.num_imported_tables;
          break;
        case 2:
          im.kind = ExternKind::Memory;
          im.memory = memory_type(s);
          m_.all_memories.push_back(im.memory);
          ++m_.num_imported_memories;
          break;
        case 3:
          im.kind = ExternKind::Global;
          im.global = global_type(s);
          m_.all_globals.push_back(im.global);
          ++m_.num_imported_globals;
          break;
        case 4:
          if (!f_.exceptions) throw_disabled_feature(kind_at, "malformed import kind", "exceptions");
          im.kind = ExternKind::Tag;
          im.tag_type = tag_type(s);
          m_.tag_types.push_back(im.tag_type);
          ++m_.num_imported_tags;
          break;
        default: throw_malformed_at(kind_at, "malformed import kind", "kind " + std::to_string(kind));
      }
      m_.imports.push_back(std::move(im));
    }
  }

  void read_functions(ByteReader& s) {
    uint32_t n = count(s);
    m_.functions.reserve(reserve_bound(n, s));
    for (uint32_t i = 0; i < n; ++i) {
      Function fn;
      fn.type_offset = static_cast<uint32_t>(s.offset());
      fn.type_index = s.u32();
      m_.func_types.push_back(fn.type_index);
      m_.functions.push_back(std::move(fn));
    }
  }

  void read_tables(ByteReader& s) {
    uint32_t n = count(s);
    for (uint32_t i = 0; i < n; ++i) {
      m_.table_offsets.push_back(static_cast<uint32_t>(s.offset()));
      // 0x40 0x00 tabletype expr: a table with an initializer (3.0).
      bool has_init = f_.function_references && s.peek() == 0x40;
      if (has_init) {
        s.u8();
        const size_t at = s.offset();
        if (s.u8() != 0x00) throw_malformed_at(at, "malformed table type");
      }
      m_.tables.push_back(table_type(s));
      m_.table_inits.push_back(has_init ? const_expr(s) : ConstExpr{});
      m_.all_tables.push_back(m_.tables.back());
    }
  }

  void read_memories(ByteReader& s) {
    uint32_t n = count(s);
    for (uint32_t i = 0; i < n; ++i) {
      m_.memory_offsets.push_back(static_cast<uint32_t>(s.offset()));
      m_.memories.push_back(memory_type(s));
      m_.all_memories.push_back(m_.memories.back());
    }
  }

  void read_globals(ByteReader& s) {
    uint32_t n = count(s);
    m_.globals.reserve(reserve_bound(n, s));
    for (uint32_t i = 0; i < n; ++i) {
      GlobalDef g;
      g.type = global_type(s);
      g.init = const_expr(s);
      m_.all_globals.push_back(g.type);
      m_.globals.push_back(std::move(g));
    }
  }

  void read_tags(ByteReader& s) {
    uint32_t n = count(s);
    m_.tags.reserve(reserve_bound(n, s));
    for (uint32_t i = 0; i < n; ++i) {
      TagDef t;
      t.entry_offset = static_cast<uint32_t>(s.offset());
      t.type_index = tag_type(s);
      m_.tag_types.push_back(t.type_index);
      m_.tags.push_back(t);
    }
  }

  void read_exports(ByteReader& s) {
    uint32_t n = count(s);
    m_.exports.reserve(reserve_bound(n, s));
    for (uint32_t i = 0; i < n; ++i) {
      Export e;
      e.entry_offset = static_cast<uint32_t>(s.offset());
      e.name = s.name();
      const size_t kind_at = s.offset();
      uint8_t kind = s.u8();
      if (kind > 4 || (kind == 4 && !f_.exceptions))
        throw_malformed_at(kind_at, "malformed export kind", "kind " + std::to_string(kind));
      e.kind = static_cast<ExternKind>(kind);
      e.index = s.u32();
      m_.exports.push_back(std::move(e));
    }
  }

  // `at`: where the function index is in the module.
  static ConstExpr ref_func_expr(uint32_t func, size_t at) {
    ConstExpr e;
    e.code_offset = static_cast<uint32_t>(at);
    e.code.push_back(0xD2);
    do {  // unsigned LEB128
      uint8_t b = func & 0x7F;
      func >>= 7;
      if (func) b |= 0x80;
      e.code.push_back(b);
    } while (func);
    e.code.push_back(0x0B);
    return e;
  }

  void read_elems(ByteReader& s) {
    uint32_t n = count(s);
    m_.elems.reserve(reserve_bound(n, s));
    for (uint32_t i = 0; i < n; ++i) {
      ElemSegment seg;
      seg.entry_offset = static_cast<uint32_t>(s.offset());
      uint32_t flags = s.u32();
      if (flags > 7)
        throw_malformed_at(seg.entry_offset, "malformed elements segment kind", "flags " + std::to_string(flags));
      // Bit 0: passive or declarative; bit 1: explicit table index (active)
      // or declarative (otherwise); bit 2: items are expressions.
      bool passive_or_decl = flags & 1;
      bool bit1 = flags & 2;
      bool exprs = flags & 4;
      if (!passive_or_decl) {
        seg.mode = SegmentMode::Active;
        seg.table_index = bit1 ? s.u32() : 0;
        seg.offset = const_expr(s);
      } else {
        seg.mode = bit1 ? SegmentMode::Declarative : SegmentMode::Passive;
      }
      bool has_type = passive_or_decl || bit1;
      if (exprs) {
        seg.type = has_type ? ref_type(s) : ValType::FuncRef;
        uint32_t k = count(s);
        seg.items.reserve(reserve_bound(k, s));
        for (uint32_t j = 0; j < k; ++j) seg.items.push_back(const_expr(s));
      } else {
        const size_t kind_at = s.offset();
        if (has_type && s.u8() != 0x00) throw_malformed_at(kind_at, "malformed element kind");
        // Function indices are non-null references (3.0's elemkind func).
        seg.type = f_.function_references ? ValType::ref(HeapType::abs(AbsHeap::Func), false) : ValType::FuncRef;
        uint32_t k = count(s);
        seg.items.reserve(reserve_bound(k, s));
        for (uint32_t j = 0; j < k; ++j) {
          const size_t at = s.offset();
          seg.items.push_back(ref_func_expr(s.u32(), at));
        }
      }
      m_.elems.push_back(std::move(seg));
    }
  }

  // Bodies are collected apart from `functions`: a count mismatch is only
  // reported after all sections, as the test suite expects (a duplicate
  // code section must be reported as such).
  //
  // Each body's header (its size and locals) is read here, in order; its
  // instructions are then scanned all at once (on several threads for a
  // big module), unless the options defer that to the validator. An error
  // is the one a body-by-body reading finds first: the scan of an earlier
  // body before the header of a later one.
  void read_code(ByteReader& s) {
    if (opts_.fetch_code) return read_code_fetched(s);
    uint32_t n = count(s);
    bodies_.reserve(reserve_bound(n, s));
    try {
      for (uint32_t i = 0; i < n; ++i) {
        const size_t at = s.offset();
        uint32_t size = s.u32();
        if (size > s.remaining()) throw_malformed_at(at, "length out of bounds", body_size_detail(i, size, s.remaining()));
        size_t end = s.offset() + size;
        Function fn;
        if (!read_body_header(fn, s, end, i)) {
          // The locals run past the body: its scan (after those of the
          // bodies before it) reports what a sequential reader would.
          bodies_.push_back(std::move(fn));
          throw in_body(i, Error(ErrorKind::Malformed, "section size mismatch", at_offset(end),
                                 "the locals run past the body's end"));
        }
        fn.body_size = static_cast<uint32_t>(end - fn.body_offset);
        s.skip(end - s.offset());
        bodies_.push_back(std::move(fn));
      }
    } catch (const Error&) {
      scan_bodies();  // an error in an earlier body comes first
      throw;
    }
    scan_bodies();
  }

  // The same reading of the code section, from fetched bytes
  // (DecodeOptions::fetch_code): the same checks in the same order, hence
  // the same errors. The caller's reader only moves past the section.
  void read_code_fetched(ByteReader& s) {
    const size_t total = m_.bytes.size();
    size_t pos = s.offset();
    const uint32_t n = parse_fetched(pos, [&](ByteReader& r) {
      uint32_t c = count(r);
      pos = r.offset();
      return c;
    });
    bodies_.reserve(std::min<size_t>(n, total - pos));
    for (uint32_t i = 0; i < n; ++i) {
      size_t end = 0;
      Function fn = parse_fetched(pos, [&](ByteReader& r) {
        Function f;
        const size_t at = r.offset();
        uint32_t size = r.u32();
        if (size > total - r.offset())
          throw_malformed_at(at, "length out of bounds", body_size_detail(i, size, total - r.offset()));
        end = r.offset() + size;
        if (!read_body_header(f, r, end, i))
          throw in_body(i, Error(ErrorKind::Malformed, "section size mismatch", at_offset(end),
                                 "the locals run past the body's end"));
        f.body_size = static_cast<uint32_t>(end - f.body_offset);
        return f;
      });
      bodies_.push_back(std::move(fn));
      pos = end;
    }
    s.skip(pos - s.offset());
  }

  // Runs `parse` on the module's bytes from `pos` on, fetched. A first,
  // small fetch holds a typical body header; a header that runs past it
  // (hundreds of local runs) is parsed again from a fetch sixteen times
  // bigger, until it fits or the fetch comes back short (the module's
  // end), where running out of bytes is the module's own error.
  template <class Parse>
  std::invoke_result_t<Parse, ByteReader&> parse_fetched(size_t pos, Parse parse) {
    constexpr size_t kFirstFetch = 64;
    for (size_t want = kFirstFetch;; want *= 16) {
      std::span<const uint8_t> got = opts_.fetch_code(pos, want);
      ByteReader r(got, pos);
      try {
        return parse(r);
      } catch (const Error& e) {
        bool out_of_bytes = std::string_view(e.what()) == "unexpected end";
        if (!out_of_bytes || got.size() < want) throw;
      }
    }
  }

  // Like sections, a body's locals are read on from its start and its size
  // checked afterwards (see run()): returns false if they overran it.
  // `i`: the body's index, for errors.
  bool read_body_header(Function& fn, ByteReader& r, size_t end, uint32_t i) {
    try {
      return read_locals(fn, r, end);
    } catch (Error& e) {
      throw in_body(i, std::move(e));
    }
  }

  bool read_locals(Function& fn, ByteReader& r, size_t end) {
    uint32_t runs = count(r);
    fn.locals.reserve(reserve_bound(runs, r));
    uint64_t total = 0;
    for (uint32_t i = 0; i < runs; ++i) {
      LocalRun run;
      const size_t at = r.offset();
      run.count = r.u32();
      total += run.count;
      if (total > kMaxFunctionLocals)
        throw_malformed_at(at, "too many locals",
                           std::to_string(total) + " declared, at most " + std::to_string(kMaxFunctionLocals));
      run.type = val_type(r);
      if (run.count) fn.locals.push_back(run);
    }
    fn.num_locals = total;
    fn.body_offset = static_cast<uint32_t>(r.offset());
    return r.offset() <= end;
  }

  // Scans the instructions of every body read so far (see read_code).
  void scan_bodies() {
    if (!opts_.scan_bodies) return;
    size_t work = 0;
    for (const Function& fn : bodies_) work += fn.body_size;
    // The first body with memory.init or data.drop, for the error without a data count.
    std::atomic<size_t> first_data_user{SIZE_MAX};
    for_each_ordered(bodies_.size(), loader_threads(work), [&](size_t i, unsigned) {
      const Function& fn = bodies_[i];
      // Read on past the body's end, as a sequential reader would.
      std::span<const uint8_t> rest = std::span<const uint8_t>(m_.bytes).subspan(fn.body_offset);
      bool data = false;
      const size_t end = size_t{fn.body_offset} + fn.body_size;
      try {
        size_t stop = scan_instructions(rest, fn.body_offset, f_, data);
        if (stop != end) throw_malformed_at(stop, "section size mismatch", body_end_detail(end, stop));
      } catch (Error& e) {
        throw in_body(i, std::move(e));
      }
      if (data) {
        size_t seen = first_data_user.load(std::memory_order_relaxed);
        while (i < seen && !first_data_user.compare_exchange_weak(seen, i, std::memory_order_relaxed)) {
        }
      }
    });
    if (first_data_user.load() != SIZE_MAX) {
      uses_data_index_ = true;
      if (!data_index_body_) data_index_body_ = first_data_user.load();
    }
  }
  void read_datas(ByteReader& s) {
    const size_t count_at = s.offset();
    uint32_t n = count(s);
    if (m_.data_count && *m_.data_count != n)
      throw_malformed_at(count_at, "data count and data section have inconsistent lengths",
                         "data count " + std::to_string(*m_.data_count) + ", " + std::to_string(n) + " segments");
    m_.datas.reserve(reserve_bound(n, s));
    for (uint32_t i = 0; i < n; ++i) {
      DataSegment d;
      d.entry_offset = static_cast<uint32_t>(s.offset());
      uint32_t flags = s.u32();
      switch (flags) {
        case 0: d.mode = SegmentMode::Active; d.offset = const_expr(s); break;
        case 1: d.mode = SegmentMode::Passive; break;
        case 2:
          d.mode = SegmentMode::Active;
          d.memory_index = s.u32();
          d.offset = const_expr(s);
          break;
        default:
          throw_malformed_at(d.entry_offset, "malformed data segment kind", "flags " + std::to_string(flags));
      }
      const size_t size_at = s.offset();
      uint32_t size = s.u32();
      if (size > s.remaining())
        throw_malformed_at(size_at, "unexpected end",
                           std::to_string(size) + " bytes of data, " + std::to_string(s.remaining()) + " left");
      d.data_offset = static_cast<uint32_t>(s.offset());
      d.data_size = size;
      s.skip(size);
      m_.datas.push_back(std::move(d));
    }
    have_data_section_ = true;
  }

  // ---- errors ------------------------------------------------------------

  static ErrorLocation at_offset(size_t offset) {
    ErrorLocation l;
    l.offset = offset;
    return l;
  }

  // An error in the body of the i-th defined function.
  Error in_body(size_t i, Error e) const {
    if (!e.location().function) e.location().function = static_cast<uint32_t>(m_.num_imported_funcs + i);
    return e;
  }

  static std::string body_size_detail(uint32_t i, uint32_t size, size_t left) {
    return "body " + std::to_string(i) + " of " + std::to_string(size) + " bytes, " + std::to_string(left) +
           " bytes left";
  }

  void note_instr(const Instr& in) {
    if (in.op == Op::MemoryInit || in.op == Op::DataDrop) uses_data_index_ = true;
  }

  void finish() {
    if (bodies_.size() != m_.functions.size())
      throw Error(ErrorKind::Malformed, "function and code section have inconsistent lengths", {},
                  std::to_string(m_.functions.size()) + " functions, " + std::to_string(bodies_.size()) + " bodies");
    for (size_t i = 0; i < bodies_.size(); ++i) {
      const Function& declared = m_.functions[i];
      const uint32_t type_index = declared.type_index, type_offset = declared.type_offset;
      m_.functions[i] = std::move(bodies_[i]);
      m_.functions[i].type_index = type_index;
      m_.functions[i].type_offset = type_offset;
    }
    if (m_.data_count && !have_data_section_ && *m_.data_count != 0)
      throw Error(ErrorKind::Malformed, "data count and data section have inconsistent lengths", {},
                  "data count " + std::to_string(*m_.data_count) + ", no data section");
    if (uses_data_index_ && !m_.data_count) {
      ErrorLocation at;
      if (data_index_body_) at.function = static_cast<uint32_t>(m_.num_imported_funcs + *data_index_body_);
      throw Error(ErrorKind::Malformed, "data count section required", at, "for memory.init or data.drop");
    }
  }

  Module& m_;
  bool in_type_section_ = false;
  uint32_t type_bound_ = 0;  // in the type section: the end of the current group
  const Features& f_;
  const DecodeOptions& opts_;
  std::vector<Function> bodies_;
  bool have_data_section_ = false;
  bool uses_data_index_ = false;
  std::optional<size_t> data_index_body_;  // the first body using one, if a body does
};

}  // namespace

Module decode_module(std::span<const uint8_t> bytes, const Features& features, const DecodeOptions& options) {
  return decode_module(std::vector<uint8_t>(bytes.begin(), bytes.end()), features, options);
}

Module decode_module(std::vector<uint8_t>&& bytes, const Features& features, const DecodeOptions& options) {
  Module m;
  m.bytes = std::move(bytes);
  decode_into(m, features, options);
  return m;
}

void decode_into(Module& m, const Features& features, const DecodeOptions& options) {
  Decoder(m, features, options).run();
}

}  // namespace wasmrun
