// wasmrun error types: one style for the whole code base.
//
// Every failure is a wasmrun::Error carrying an ErrorKind and the message
// text the WebAssembly specification's test suite uses ("unexpected end",
// "type mismatch", "integer divide by zero", ...). The kinds map one to one
// onto the spec script assertions (assert_malformed, assert_invalid,
// assert_unlinkable, assert_trap, assert_exhaustion).
#pragma once

#include <stdexcept>
#include <string>

namespace wasmrun {

enum class ErrorKind {
  Malformed,   // the binary or text cannot be decoded
  Invalid,     // decoded, but fails validation
  Link,        // imports do not match at instantiation
  Trap,        // execution trapped (also traps during instantiation)
  Exhaustion,  // call stack or another resource exhausted while running
  Io,          // files and the host environment
  Usage,       // a bad argument from the embedder or the command line
};

const char* error_kind_name(ErrorKind kind);

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message)
      : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
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

inline const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Malformed: return "malformed";
    case ErrorKind::Invalid: return "invalid";
    case ErrorKind::Link: return "link error";
    case ErrorKind::Trap: return "trap";
    case ErrorKind::Exhaustion: return "exhaustion";
    case ErrorKind::Io: return "i/o error";
    case ErrorKind::Usage: return "usage";
  }
  return "error";
}

}  // namespace wasmrun
