// Internal: the state of one module being compiled from text. Split over
// wat_module.cpp (module fields, sections) and wat_instrs.cpp (types,
// instructions); both see this class. Not part of the loader's interface.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "loader/opcode.h"
#include "loader/type_defs.h"
#include "loader/text/binary_writer.h"
#include "loader/text/label_scopes.h"
#include "loader/text/lexer.h"
#include "wasmrun/features.h"
#include "wasmrun/types.h"

namespace wasmrun::text {

// One index space: symbolic names and the number of entries so far.
struct Space {
  explicit Space(const char* w = "") : what(w) {}
  const char* what;
  std::unordered_map<std::string, uint32_t> names;
  uint32_t count = 0;
};

// A type use after parsing: the index, the type it denotes (if known) and
// the names of its parameters (for binding locals).
struct TypeUse {
  uint32_t index = 0;
  FuncType type;
  std::vector<const Token*> param_ids;  // null for unnamed parameters
};

// A type definition: its subtype (with its recursion group) and, for a
// function type, the function type; the names of a struct's fields.
struct TextType {
  SubType def;
  FuncType func;
  Space fields{"field"};
};

class ModuleParser {
 public:
  ModuleParser(const std::vector<Token>& tokens, size_t begin, size_t end, const Features& f)
      : t_(tokens), begin_(begin), end_(end), features_(f) {}
  Bytes run();

 private:
  // --- token cursor ---
  const Token& cur() const { return t_[p_]; }
  const Token& peek(size_t k) const { return t_[p_ + k < end_ ? p_ + k : end_]; }
  const Token& next();
  bool is_kw(std::string_view kw) const { return cur().kind == TokKind::Keyword && cur().text == kw; }
  // True if the cursor is at `(kw`.
  bool at_field(std::string_view kw) const {
    return cur().kind == TokKind::LParen && peek(1).kind == TokKind::Keyword && peek(1).text == kw;
  }
  void expect_lparen();
  void expect_rparen();
  void expect_kw(std::string_view kw);
  std::string expect_string();
  std::string expect_name();  // a string that must be valid UTF-8
  std::optional<std::string> opt_id();
  [[noreturn]] void fail(const std::string& message) const { fail_at(cur(), message); }

  // --- names and numbers ---
  void bind(Space& space, const Token* id, uint32_t index);
  uint32_t index(const Space& space);
  bool at_index() const { return cur().kind == TokKind::Id || (cur().kind == TokKind::Keyword && cur().text[0] >= '0' && cur().text[0] <= '9'); }
  uint32_t u32();
  // The 1.0 text's bare table or memory index of an active segment,
  // `(elem 0 (offset ...) ...)`, `(data 0 (offset ...) ...)`, which later
  // versions spell `(table 0)`/`(memory 0)`. Read only without reference
  // types (the 1.0 feature set, which the threads proposal's tests use).
  bool at_mvp_index() const {
    return !features_.reference_types && cur().kind == TokKind::Keyword && cur().text[0] >= '0' &&
           cur().text[0] <= '9';
  }

  // --- types (wat_instrs.cpp) ---
  std::optional<ValType> val_type_of(const Token& t) const;
  ValType val_type();
  ValType ref_type();
  HeapType heap_type();
  bool at_ref_type_form() const;  // at `(ref ...)`, with function references on
  void params(std::vector<ValType>& out, std::vector<const Token*>* ids);
  void results(std::vector<ValType>& out);
  FuncType func_type_def();
  // --- type definitions (wat_types.cpp) ---
  void scan_type_names(size_t open, bool in_rec);
  void type_field(uint32_t rec_begin, uint32_t rec_size);
  void rec_field();
  void sub_type(TextType& out);
  void comp_type(TextType& out);
  FieldType field_type();
  ValType storage_type();
  bool is_plain_func(uint32_t index) const;
  void put_type_section(Bytes& out) const;
  uint32_t find_or_add_type(const FuncType& type);
  TypeUse type_use(bool allow_names);
  // A function import's type: `(exact typeuse)` (custom descriptors) or a
  // type use; writes the import kind (0x20 for exact, else 0x00) and the
  // type index into the import section.
  void import_func_type();
  void block_type(Bytes& out);
  Limits limits();
  // memory64, custom page sizes: a table's or memory's address type,
  // limits and page size, encoded as the binary's limits (flags first).
  struct MemLimits {
    Limits limits;
    bool is64 = false;
    std::optional<uint8_t> page_size_log2;
    bool shared = false;  // threads
  };
  bool address_type();  // an optional `i32` or `i64`; true for i64
  MemLimits mem_limits(bool is64, bool memory);
  void page_size(MemLimits& out);  // an optional (pagesize n)
  void shared_flag(MemLimits& out);  // an optional `shared`
  static void put_mem_limits(Bytes& out, const MemLimits& l);

  // --- instructions (wat_instrs.cpp) ---
  struct OpenInstr;
  void instrs(Bytes& out);
  void folded_instr(Bytes& out);
  void instr_seq(Bytes& out, bool one_folded);
  void open_block(std::vector<OpenInstr>& open, Op op, bool folded, Bytes& out);
  void open_folded(std::vector<OpenInstr>& open, Bytes& out);
  void end_label(const std::optional<std::string>& label);
  void immediates(Op op, const Token& name, Bytes& out);
  void memarg(uint32_t natural, Bytes& out, bool lane = false);
  uint32_t opt_memory();  // an optional memory index (multi-memory), else 0
  void v128_const(Bytes& out);
  uint32_t label();
  uint32_t field_index(uint32_t type);
  void const_expr(Bytes& out);  // instrs then `end`
  void offset_expr(Bytes& out);  // (offset instr*) or one folded instr

  // --- module fields (wat_module.cpp) ---
  void scan();
  void scan_field(size_t open);
  void check_import_order();
  void field_func();
  void field_table();
  void field_memory();
  void field_global();
  void field_import();
  void field_export();
  void field_start();
  void field_elem();
  void field_data();
  void field_tag();
  void inline_exports(ExternKind kind, uint32_t index);
  bool inline_import();
  void elem_items_expr(Bytes& body, uint32_t& count);
  void elem_items_funcs(Bytes& body, uint32_t& count);
  void compact_ref_funcs(Bytes& items, uint32_t count, bool& exprs);
  void expand_ref_funcs(Bytes& items, uint32_t count, bool& exprs);
  Bytes assemble();

  const std::vector<Token>& t_;
  size_t begin_, end_;
  size_t p_ = 0;
  const Features& features_;

  Space types_sp_{"type"}, funcs_{"function"}, tables_{"table"}, mems_{"memory"}, globals_{"global"},
      elems_{"elem segment"}, datas_{"data segment"}, tags_{"tag"};
  std::vector<TextType> types_;
  size_t explicit_types_ = 0;
  uint32_t named_types_ = 0;               // type definitions seen by scan_type_names
  std::vector<size_t> type_fields_;        // where each (type ...) or (rec ...) field opens
  bool seen_definition_ = false;
  const char* first_definition_ = "";
  struct Field { size_t open, close; };
  std::vector<Field> fields_;
  std::optional<size_t> stray_;  // a top-level token that is not a field

  // Per function state.
  Space locals_{"local"};
  LabelScopes labels_;
  bool uses_data_count_ = false;

  // Section contents and their item counts.
  Bytes imports_, funcs_sec_, tables_sec_, mems_sec_, globals_sec_, exports_, elems_sec_, code_, datas_sec_;
  uint32_t n_imports_ = 0, n_funcs_ = 0, n_tables_ = 0, n_mems_ = 0, n_globals_ = 0, n_exports_ = 0,
           n_elems_ = 0, n_datas_ = 0;
  uint32_t n_def_funcs_ = 0, n_def_tables_ = 0, n_def_mems_ = 0, n_def_globals_ = 0;
  std::optional<uint32_t> start_;
  Bytes tags_sec_;  // exception handling
  uint32_t n_tags_ = 0, n_def_tags_ = 0;
  void try_table_catches(Bytes& out);
};

}  // namespace wasmrun::text
