// wasmrun error types: one style for the whole code base.
//
// Every failure is a wasmrun::Error carrying an ErrorKind and the message
// text the WebAssembly specification's test suite uses ("unexpected end",
// "type mismatch", "integer divide by zero", ...). The kinds map one to one
// onto the spec script assertions (assert_malformed, assert_invalid,
// assert_unlinkable, assert_trap, assert_exhaustion).
//
// Errors in a module also say where: an ErrorLocation (the function, the
// byte offset in the binary and the instruction, or line:column in the
// text format) and a free-form detail ("expected [i32 i32] but got [i32]").
// what() and message() are the specification's text alone, so that it can
// be matched as the test suite does; describe() gives everything in one
// line.
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace wasmrun {

enum class ErrorKind {
  Malformed,   // the binary or text cannot be decoded
  Invalid,     // decoded, but fails validation
  Link,        // imports do not match at instantiation
  Trap,        // execution trapped (also traps during instantiation)
  Exhaustion,  // call stack or another resource exhausted while running
  Io,          // files and the host environment
  Usage,       // a bad argument from the embedder or the command line
  Exception,   // a wasm exception nobody caught (wasmrun::Exception, exception.h)
};

const char* error_kind_name(ErrorKind kind);

// Where in a module an error is. Every part is optional: a text-format
// error has a line and column, a decode error an offset, a validation error
// in a function body the function, the offset and the instruction.
struct ErrorLocation {
  // In the module's function index space (imports first).
  std::optional<uint32_t> function;
  // How messages name that function: "$NAME" from the name section, else
  // `export "NAME"`, else empty.
  std::string function_name;
  // Of the failing instruction or field, from the module binary's first
  // byte. For a text module, into the binary it was encoded to.
  std::optional<uint64_t> offset;
  // The failing instruction's text-format name ("i32.add"), if any.
  std::string instruction;
  // Text format, both from 1; 0 when the error is not in text.
  uint32_t line = 0;
  uint32_t column = 0;

  bool has_line() const { return line != 0; }
  bool empty() const { return !function && !offset && instruction.empty() && !has_line(); }
};

// One frame of a trap's backtrace: a wasm function at an instruction, or
// host code between wasm frames (a host function that was called, or that
// called into wasm). Innermost first.
struct TraceFrame {
  bool host = false;
  uint32_t function = 0;           // in its module's function index space
  std::string function_name;       // as ErrorLocation::function_name
  std::string module_name;         // from the name section, if it has one
  uint64_t offset = 0;             // of the instruction, from the module binary's first byte
  uint64_t function_offset = 0;    // of the instruction, from the function body's first byte
  // "func[2] ($fib) at offset 0x4f", or "<host>".
  std::string describe() const;
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Error(ErrorKind kind, const std::string& message, ErrorLocation location, std::string detail = {})
      : std::runtime_error(message), kind_(kind), location_(std::move(location)), detail_(std::move(detail)) {}

  ErrorKind kind() const { return kind_; }
  // The specification's message text alone (the same as what()).
  const char* message() const noexcept { return what(); }
  const ErrorLocation& location() const { return location_; }
  // More about the failure, for people: expected and actual types, the
  // size of an index space, ... Empty if there is nothing to add.
  const std::string& detail() const { return detail_; }

  // For code that learns more about an error on its way up (the function
  // it is in, ...); the innermost code, which knows best, sets it first.
  ErrorLocation& location() { return location_; }
  void set_detail(std::string detail) { detail_ = std::move(detail); }

  // A trap's (or exhaustion's) wasm call stack where it happened,
  // innermost first; empty for other errors and for traps outside wasm
  // code. Long stacks keep their innermost kMaxTraceFrames frames and
  // count the rest.
  static constexpr size_t kMaxTraceFrames = 100;
  const std::vector<TraceFrame>& backtrace() const { return backtrace_; }
  uint64_t backtrace_omitted() const { return backtrace_omitted_; }
  // For the interpreter as the trap goes up through its frames.
  void add_trace_frame(TraceFrame frame) {
    if (backtrace_.size() < kMaxTraceFrames) backtrace_.push_back(std::move(frame));
    else ++backtrace_omitted_;
  }
  // Another error's backtrace, frames and omitted count (an error that
  // replaces it with a better message keeps where it happened).
  void copy_backtrace(const Error& from) {
    backtrace_ = from.backtrace_;
    backtrace_omitted_ = from.backtrace_omitted_;
  }

  // The location as text: "3:14" (text format), or
  // `func[2] (export "f") at offset 0x1f`, `func[2]`, `offset 0x1f`;
  // empty if the error has none.
  std::string where() const;
  // "[WHERE: ]MESSAGE[ in INSTRUCTION][: DETAIL]", one line.
  std::string describe() const;
  // describe() without the WHERE part.
  std::string describe_message() const;

 private:
  ErrorKind kind_;
  ErrorLocation location_;
  std::string detail_;
  std::vector<TraceFrame> backtrace_;
  uint64_t backtrace_omitted_ = 0;
};

[[noreturn]] inline void throw_malformed(const std::string& message) {
  throw Error(ErrorKind::Malformed, message);
}
[[noreturn]] inline void throw_invalid(const std::string& message) {
  throw Error(ErrorKind::Invalid, message);
}
[[noreturn]] inline void throw_link(const std::string& message) {
  throw Error(ErrorKind::Link, message);
}
[[noreturn]] inline void throw_trap(const std::string& message) {
  throw Error(ErrorKind::Trap, message);
}
[[noreturn]] inline void throw_exhaustion(const std::string& message) {
  throw Error(ErrorKind::Exhaustion, message);
}

// With the byte offset of the failing field or instruction.
[[noreturn]] inline void throw_malformed_at(uint64_t offset, const std::string& message,
                                            std::string detail = {}) {
  ErrorLocation where;
  where.offset = offset;
  throw Error(ErrorKind::Malformed, message, std::move(where), std::move(detail));
}
[[noreturn]] inline void throw_invalid_at(uint64_t offset, const std::string& message, std::string detail = {}) {
  ErrorLocation where;
  where.offset = offset;
  throw Error(ErrorKind::Invalid, message, std::move(where), std::move(detail));
}

// A construct of a feature that is switched off: malformed with the spec's
// message (what an engine without the feature reports, e.g. "illegal
// opcode"), and a detail that names the feature, so the one-line error says
// which flag would accept the module.
[[noreturn]] inline void throw_disabled_feature(uint64_t offset, const std::string& message,
                                                std::string_view feature) {
  throw_malformed_at(offset, message,
                     "needs feature " + std::string(feature) + ", which is off (--features=+" +
                         std::string(feature) + ")");
}

inline const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Malformed: return "malformed";
    case ErrorKind::Invalid: return "invalid";
    case ErrorKind::Link: return "link error";
    case ErrorKind::Trap: return "trap";
    case ErrorKind::Exhaustion: return "exhaustion";
    case ErrorKind::Io: return "i/o error";
    case ErrorKind::Usage: return "usage";
    case ErrorKind::Exception: return "exception";
  }
  return "error";
}

namespace detail {
// How errors and backtraces name a function: "func[2]", or "func[2] ($f)".
inline std::string function_text(uint32_t index, const std::string& name) {
  std::string s = "func[";
  s += std::to_string(index);
  s += ']';
  if (!name.empty()) {
    s += " (";
    s += name;
    s += ')';
  }
  return s;
}
// An offset in a module: "0x1f".
inline std::string offset_text(uint64_t offset) {
  char hex[24];
  std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(offset));
  return hex;
}
}  // namespace detail

inline std::string Error::where() const {
  const ErrorLocation& l = location_;
  if (l.has_line()) return std::to_string(l.line) + ":" + std::to_string(l.column);
  std::string s;
  if (l.function) s = detail::function_text(*l.function, l.function_name);
  if (l.offset) {
    s += s.empty() ? "offset " : " at offset ";
    s += detail::offset_text(*l.offset);
  }
  return s;
}

inline std::string TraceFrame::describe() const {
  if (host) return "<host>";
  std::string s = detail::function_text(function, function_name);
  if (!module_name.empty()) {
    s += " in module ";
    s += module_name;
  }
  s += " at offset ";
  s += detail::offset_text(offset);
  return s;
}

inline std::string Error::describe_message() const {
  std::string s = what();
  if (!location_.instruction.empty()) s += " in " + location_.instruction;
  if (!detail_.empty()) s += ": " + detail_;
  return s;
}

inline std::string Error::describe() const {
  std::string w = where();
  return w.empty() ? describe_message() : w + ": " + describe_message();
}

}  // namespace wasmrun
