// wasmrun embedding API.
//
//   auto module = wasmrun::CompiledModule::from_file("prog.wasm", features);
//   wasmrun::Store store(features);
//   wasmrun::Imports imports;
//   imports.add("env", "log", store.host_func({{ValType::I32}, {}},
//       [](wasmrun::HostCall& call, std::span<const Value> args, std::span<Value>) {
//         std::printf("%u\n", args[0].i32);
//       }));
//   wasmrun::Instance* inst = store.instantiate(*module, imports);
//   auto results = store.call(inst->func("main"), {wasmrun::Value::from_i32(7)});
//   auto bytes = inst->memory("memory")->view<uint16_t>();  // like a Uint16Array
//
// Every failure is a wasmrun::Error (see error.h). Runtime objects belong to
// the Store that made them and live as long as it does; the raw pointers
// handed out stay valid until the Store is destroyed.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "wasmrun/error.h"
#include "wasmrun/features.h"
#include "wasmrun/memory_view.h"
#include "wasmrun/types.h"

namespace wasmrun {

class Func;
class Table;
class Memory;
class Global;
class Tag;
class Instance;
class Store;
template <class Signature>
class TypedFunc;
struct Module;  // the loader's module IR (loader/module.h)
class ModuleFile;  // a module's file, read lazily (loader/module_file.h)

struct V128 {
  uint8_t bytes[16] = {};
};

// A WebAssembly value. References: `ref` is 0 for null; a funcref holds a
// Func*; an externref made by the host holds its id (below 2^62) shifted
// left by two, plus 2; an i31 (and an i31 internalized as an externref)
// holds its 31 bits shifted left by one, plus 1; a struct or an array
// points to an object of the store's GC heap; an exnref points to a
// caught exception owned by the store (see Exception). reference_kind tells
// which a reference is. any.convert_extern and extern.convert_any keep
// the bits, so an externref may also hold an i31, struct or array.
struct Value {
  ValType type = ValType::I32;
  union {
    uint32_t i32;
    uint64_t i64;
    float f32;
    double f64;
    V128 v128;
    uintptr_t ref;
  };

  Value() : i64(0) {}
  static Value from_i32(uint32_t v) { Value r; r.type = ValType::I32; r.i32 = v; return r; }
  static Value from_i64(uint64_t v) { Value r; r.type = ValType::I64; r.i64 = v; return r; }
  static Value from_f32(float v) { Value r; r.type = ValType::F32; r.f32 = v; return r; }
  static Value from_f64(double v) { Value r; r.type = ValType::F64; r.f64 = v; return r; }
  static Value from_v128(const V128& v) { Value r; r.type = ValType::V128; r.v128 = v; return r; }
  static Value null_ref(ValType ref_type) { Value r; r.type = ref_type; r.ref = 0; return r; }
  static Value from_func(Func* f) { Value r; r.type = ValType::FuncRef; r.ref = reinterpret_cast<uintptr_t>(f); return r; }
  static Value from_extern(uint64_t host_id) { Value r; r.type = ValType::ExternRef; r.ref = static_cast<uintptr_t>((host_id << 2) | 2); return r; }
  static Value from_i31(uint32_t v) { Value r; r.type = ValType::ref(HeapType::abs(AbsHeap::I31), false); r.ref = (uintptr_t{v & 0x7FFFFFFFu} << 1) | 1; return r; }

  bool is_null() const { return ref == 0; }
  Func* func() const { return reinterpret_cast<Func*>(ref); }
  // A host's externref: its id.
  bool is_host_extern() const { return (ref & 3) == 2; }
  uint64_t extern_id() const { return static_cast<uint64_t>(ref) >> 2; }
  // An i31: its value, sign- or zero-extended.
  bool is_i31() const { return (ref & 1) != 0; }
  int32_t i31_s() const { return static_cast<int32_t>(static_cast<uint32_t>(ref)) >> 1; }
  uint32_t i31_u() const { return static_cast<uint32_t>(ref >> 1) & 0x7FFFFFFFu; }
};

// What a reference value refers to: read from its bits and, for heap
// objects, their header (a value of another store is not allowed).
enum class ReferenceKind { Null, Func, HostExtern, I31, Struct, Array, Exn };
ReferenceKind reference_kind(const Value& v);

// How CompiledModule loads a module.
struct LoadOptions {
  // Validate each function body on the function's first call, as wasm3
  // does, instead of every body up front: a big module of which little runs
  // starts much faster. Everything else (types, imports, exports, segments,
  // constant expressions, the start function) is still validated at load.
  // An invalid or malformed body then fails the first call of its function
  // with Error kind Invalid (or Malformed) and the specification's message,
  // and the call runs nothing; its module loads and instantiates anyway.
  // Off by default: the specification (and the spec runner) reject an
  // invalid module at load.
  // With from_file on a binary file, a body is also read from the file
  // only on its function's first call: the module keeps the file open,
  // and a body the file can no longer give (it shrank) fails that call
  // with Error kind Io.
  bool lazy_validation = false;
  // Compile code that checks the store's fuel and interruption
  // (Store::set_fuel, Store::interrupt) at every function entry and loop
  // iteration. Off by default: unmetered code pays nothing, and ignores
  // both. On, it costs one check per call and loop iteration.
  bool metered = false;
};

// A decoded and validated module, immutable and shareable between stores.
// Instances keep the module alive (through shared_from_this) when it was
// made by one of the from_* functions.
class CompiledModule : public std::enable_shared_from_this<CompiledModule> {
 public:
  // Throw Error (Malformed or Invalid).
  static std::shared_ptr<CompiledModule> from_binary(std::span<const uint8_t> bytes, const Features& features,
                                                     const LoadOptions& options = {});
  // Takes over `bytes` (no copy of the module's binary).
  static std::shared_ptr<CompiledModule> from_binary(std::vector<uint8_t>&& bytes, const Features& features,
                                                     const LoadOptions& options = {});
  static std::shared_ptr<CompiledModule> from_text(std::string_view wat, const Features& features,
                                                   const LoadOptions& options = {});
  // Binary or text, told apart by the \0asm magic. Error kind Io if unreadable.
  static std::shared_ptr<CompiledModule> from_file(const std::string& path, const Features& features,
                                                   const LoadOptions& options = {});

  struct ImportInfo { std::string module, name; ExternKind kind; };
  struct ExportInfo { std::string name; ExternKind kind; };
  std::vector<ImportInfo> imports() const;
  std::vector<ExportInfo> exports() const;
  const Features& features() const { return features_; }
  const LoadOptions& load_options() const { return options_; }
  const Module& ir() const { return *ir_; }

  // `ir` must be validated already (every function body included).
  explicit CompiledModule(std::shared_ptr<const Module> ir, const Features& features);
  ~CompiledModule();

  // Internal (interp/): each function body's internal code, compiled once
  // on first call and shared by every instance of the module (and, with
  // lazy validation, what checking a body on its first call needs).
  struct CodeCache;
  CodeCache& code_cache() const { return *code_cache_; }

 private:
  static std::shared_ptr<CompiledModule> load(std::vector<uint8_t>&& bytes, const Features& features,
                                              const LoadOptions& options);
  // A binary file with lazy validation: each function body is read from
  // the file on its function's first call (loader/module_file.h).
  static std::shared_ptr<CompiledModule> load_lazily(std::unique_ptr<ModuleFile> file, const Features& features,
                                                     const LoadOptions& options);

  std::shared_ptr<const Module> ir_;
  Features features_;
  LoadOptions options_;
  std::unique_ptr<CodeCache> code_cache_;
};

// An import or export: exactly one of the pointers is set, per `kind`.
struct Extern {
  ExternKind kind = ExternKind::Func;
  Func* func = nullptr;
  Table* table = nullptr;
  Memory* memory = nullptr;
  Global* global = nullptr;
  Tag* tag = nullptr;

  static Extern of(Tag* t) { Extern e; e.kind = ExternKind::Tag; e.tag = t; return e; }
  static Extern of(Func* f) { Extern e; e.kind = ExternKind::Func; e.func = f; return e; }
  static Extern of(Table* t) { Extern e; e.kind = ExternKind::Table; e.table = t; return e; }
  static Extern of(Memory* m) { Extern e; e.kind = ExternKind::Memory; e.memory = m; return e; }
  static Extern of(Global* g) { Extern e; e.kind = ExternKind::Global; e.global = g; return e; }
};

// What a module's imports resolve to, by (module, name).
class Imports {
 public:
  template <class T>
  void add(const std::string& module, const std::string& name, T* object) { add(module, name, Extern::of(object)); }
  void add(const std::string& module, const std::string& name, Extern value) { map_[{module, name}] = value; }
  // Every export of `instance`, under the module name `module` (the spec's `register`).
  void add_instance(const std::string& module, const Instance& instance);
  const Extern* find(const std::string& module, const std::string& name) const {
    auto it = map_.find({module, name});
    return it == map_.end() ? nullptr : &it->second;
  }

 private:
  std::map<std::pair<std::string, std::string>, Extern> map_;
};

// Given to a host function: the store, and the instance whose code called it
// (null when called from the host), so WASI can reach the caller's memory.
struct HostCall {
  Store& store;
  Instance* caller;
};

// A host function fills `results` (pre-sized to the function type's results)
// or throws Error (kind Trap) to trap.
using HostFunction = std::function<void(HostCall& call, std::span<const Value> args, std::span<Value> results)>;

class Func {
 public:
  const FuncType& type() const;
  // The name for messages: the export or name-section name, else "func[N]".
  std::string debug_name() const;

 protected:
  Func() = default;
  ~Func() = default;
};

class Table {
 public:
  TableType type() const;
  uint64_t size() const;
  Value get(uint64_t index) const;               // Trap "out of bounds table access"
  void set(uint64_t index, const Value& value);  // Trap "out of bounds table access"
  int64_t grow(uint64_t delta, const Value& init);  // old size or -1

 protected:
  Table() = default;
  ~Table() = default;
};

class Memory {
 public:
  MemoryType type() const;
  uint64_t pages() const;
  uint64_t size_bytes() const;
  int64_t grow(uint64_t delta_pages);  // old size in pages or -1
  std::span<uint8_t> bytes();
  // A typed view over the current bytes, like a JS Uint16Array over
  // WebAssembly.Memory.buffer. Invalidated (length only) by grow.
  template <class T>
  MemoryView<T> view() {
    auto b = bytes();
    return MemoryView<T>(b.data(), b.size());
  }

 protected:
  Memory() = default;
  ~Memory() = default;
};

class Global {
 public:
  GlobalType type() const;
  Value get() const;
  void set(const Value& value);  // Usage error if immutable or the wrong type

 protected:
  Global() = default;
  ~Global() = default;
};

// An exception tag: the identity an exception is caught by, and the types
// of its payload (`type().params`; the results are empty).
class Tag {
 public:
  const FuncType& type() const;

 protected:
  Tag() = default;
  ~Tag() = default;
};

// A WebAssembly exception as C++ sees it, in both directions:
// - a host function called from wasm throws one to throw a wasm exception
//   (`throw wasmrun::Exception(tag, {Value::from_i32(7)})`), which a
//   try_table in the calling wasm code can catch; the payload must match
//   the tag's parameter types (else the call traps);
// - an exception that no wasm handler catches leaves Store::call (and
//   instantiation's start function) as one: kind Exception, message
//   "uncaught exception", with its tag and payload.
// An exnref in a payload stays valid as long as this object lives.
class Exception : public Error {
 public:
  Exception(Tag* tag, std::vector<Value> payload)
      : Error(ErrorKind::Exception, "uncaught exception"), tag_(tag), payload_(std::move(payload)) {}

  Tag* tag() const { return tag_; }
  const std::vector<Value>& payload() const { return payload_; }

  // Internal (interp/): the store's exception object behind it, kept alive
  // while this exists; null for one made by a host.
  const std::shared_ptr<void>& object() const { return object_; }
  void set_object(std::shared_ptr<void> object) { object_ = std::move(object); }

 private:
  Tag* tag_;
  std::vector<Value> payload_;
  std::shared_ptr<void> object_;
};

class Instance {
 public:
  const CompiledModule& module() const;
  std::optional<Extern> find_export(std::string_view name) const;
  std::vector<std::pair<std::string, Extern>> exports() const;
  // Typed lookups; nullptr if absent or of another kind.
  Func* func(std::string_view name) const;
  Memory* memory(std::string_view name) const;
  Global* global(std::string_view name) const;
  Table* table(std::string_view name) const;
  Tag* tag(std::string_view name) const;
  // The exported function `name` with a C++ signature, checked here once
  // against its wasm type (Usage error if absent or of another type):
  //   auto fac = inst->func<int64_t(int64_t)>("fac");
  //   int64_t r = fac(store, 20);
  // int32_t/uint32_t are i32, int64_t/uint64_t i64, float f32, double f64,
  // V128 v128, Func* funcref. Several results come back as a std::tuple.
  template <class Signature>
  TypedFunc<Signature> func(std::string_view name) const;

 protected:
  Instance() = default;
  ~Instance() = default;
};

struct StoreLimits {
  uint64_t max_memory_pages = 65536;     // cap on a 32-bit memory (4 GiB, in units of 64 KiB)
  // Cap on a 64-bit memory (memory64), in units of 64 KiB: 16 GiB. Its
  // address space is reserved up front, so this bounds what each such
  // memory takes from the process; growing past it returns -1.
  uint64_t max_memory64_pages = uint64_t{1} << 18;
  uint64_t max_table_elements = 10000000;
  uint32_t max_call_depth = 100000;      // deeper recursion traps "call stack exhausted"
  uint64_t max_stack_bytes = 64u << 20;  // value stack; exhaustion traps the same way
  // The GC heap (structs and arrays) after collection; an allocation past
  // it traps "out of memory".
  uint64_t max_gc_heap_bytes = uint64_t{4} << 30;
};

class Store {
 public:
  explicit Store(const Features& features = Features::defaults(), const StoreLimits& limits = StoreLimits{});
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const Features& features() const;
  const StoreLimits& limits() const;

  // Resolves imports, allocates, initializes segments and runs the start
  // function. Throws Link ("unknown import", "incompatible import type") or
  // Trap; like the spec, segment writes made before a trap remain visible
  // through imported tables and memories.
  Instance* instantiate(const CompiledModule& module, const Imports& imports);

  Func* host_func(const FuncType& type, HostFunction fn, std::string debug_name = "host");
  Table* new_table(const TableType& type, const Value& init);
  Memory* new_memory(const MemoryType& type);
  Global* new_global(const GlobalType& type, const Value& value);
  // A new tag whose exceptions carry values of the types `params`.
  Tag* new_tag(const std::vector<ValType>& params);

  // Calls a function with arguments of its parameter types (Usage error
  // otherwise); returns its results. Throws Trap or Exhaustion, or an
  // Exception that the function did not catch.
  std::vector<Value> call(Func* func, std::span<const Value> args);
  // So that `store.call(f, {Value::from_i32(7)})` works (std::span has no
  // initializer-list constructor in C++20).
  std::vector<Value> call(Func* func, std::initializer_list<Value> args) {
    return call(func, std::span<const Value>(args.begin(), args.size()));
  }

  // Limits for metered modules (LoadOptions::metered). Fuel counts wasm
  // instructions, charged when a function or loop iteration starts for
  // the instructions straight in its body (a block's or if's count whole,
  // an inner loop's by its own iterations). When it runs out, the running
  // call traps with "all fuel consumed" and the fuel stays at 0. Without
  // set_fuel the fuel is unlimited.
  void set_fuel(uint64_t fuel);
  uint64_t fuel() const;
  // From any thread: the running wasm call (or the next one) traps with
  // "interrupted" at its next function entry or loop iteration; the trap
  // clears the request. A host function that blocks is not interrupted.
  void interrupt();

  struct Impl;
  Impl& impl() { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

// --- Typed calls (Instance::func<Signature>) ---

namespace detail {

template <class T>
struct WasmTypeOf;
template <> struct WasmTypeOf<int32_t> { static constexpr ValType type = ValType::I32; };
template <> struct WasmTypeOf<uint32_t> { static constexpr ValType type = ValType::I32; };
template <> struct WasmTypeOf<int64_t> { static constexpr ValType type = ValType::I64; };
template <> struct WasmTypeOf<uint64_t> { static constexpr ValType type = ValType::I64; };
template <> struct WasmTypeOf<float> { static constexpr ValType type = ValType::F32; };
template <> struct WasmTypeOf<double> { static constexpr ValType type = ValType::F64; };
template <> struct WasmTypeOf<V128> { static constexpr ValType type = ValType::V128; };
template <> struct WasmTypeOf<Func*> { static constexpr ValType type = ValType::FuncRef; };

template <class T>
Value to_value(T v) {
  if constexpr (std::is_same_v<T, Func*>) return Value::from_func(v);
  else if constexpr (std::is_same_v<T, V128>) return Value::from_v128(v);
  else if constexpr (std::is_same_v<T, float>) return Value::from_f32(v);
  else if constexpr (std::is_same_v<T, double>) return Value::from_f64(v);
  else if constexpr (sizeof(T) == 4) return Value::from_i32(static_cast<uint32_t>(v));
  else return Value::from_i64(static_cast<uint64_t>(v));
}

template <class T>
T from_value(const Value& v) {
  if constexpr (std::is_same_v<T, Func*>) return v.func();
  else if constexpr (std::is_same_v<T, V128>) return v.v128;
  else if constexpr (std::is_same_v<T, float>) return v.f32;
  else if constexpr (std::is_same_v<T, double>) return v.f64;
  else if constexpr (sizeof(T) == 4) return static_cast<T>(v.i32);
  else return static_cast<T>(v.i64);
}

// The results of a signature: none, one value, or a std::tuple.
template <class R>
struct ResultTypes {
  static std::vector<ValType> types() { return {WasmTypeOf<R>::type}; }
  static R from(const std::vector<Value>& vs) { return from_value<R>(vs[0]); }
};
template <>
struct ResultTypes<void> {
  static std::vector<ValType> types() { return {}; }
  static void from(const std::vector<Value>&) {}
};
template <class... Rs>
struct ResultTypes<std::tuple<Rs...>> {
  static std::vector<ValType> types() { return {WasmTypeOf<Rs>::type...}; }
  static std::tuple<Rs...> from(const std::vector<Value>& vs) {
    return [&]<size_t... I>(std::index_sequence<I...>) {
      return std::tuple<Rs...>(from_value<Rs>(vs[I])...);
    }(std::index_sequence_for<Rs...>{});
  }
};

}  // namespace detail

template <class R, class... Args>
class TypedFunc<R(Args...)> {
 public:
  // Usage error unless `func` has exactly the type R(Args...).
  explicit TypedFunc(Func* func) : func_(func) {
    if (!func) throw Error(ErrorKind::Usage, "no function to type");
    FuncType expected{{detail::WasmTypeOf<Args>::type...}, detail::ResultTypes<R>::types()};
    if (!(func->type() == expected))
      throw Error(ErrorKind::Usage, "function '" + func->debug_name() + "' has another type than the one asked for");
  }
  // Throws Trap or Exhaustion as Store::call does.
  R operator()(Store& store, Args... args) const {
    Value values[sizeof...(Args) + 1] = {detail::to_value<Args>(args)...};
    return detail::ResultTypes<R>::from(store.call(func_, std::span<const Value>(values, sizeof...(Args))));
  }
  Func* func() const { return func_; }

 private:
  Func* func_;
};

template <class Signature>
TypedFunc<Signature> Instance::func(std::string_view name) const {
  Func* f = func(name);
  if (!f) throw Error(ErrorKind::Usage, "no exported function '" + std::string(name) + "'");
  return TypedFunc<Signature>(f);
}

}  // namespace wasmrun
