// Eager loading reads each function body once, not twice: the decoder
// skips the bodies' instructions and the validator, reading them within
// their bounds, checks their syntax along with their types. That is a
// superset of the checks the scanning decoder makes, so a module that
// passes is exactly a module that decoding with scan_bodies and then
// validation accept. Only the errors differ: a malformed body may be
// reported after an invalid construct that precedes it, or as the type
// error it causes. So on any error the module is loaded again the
// reference way (scanning decoder, then validator) for the error the
// specification's order gives. Errors are rare and the second attempt
// costs no more than a single attempt used to.
#include "loader/load.h"

#include <utility>

#include "loader/decoder.h"
#include "loader/error_text.h"
#include "wasmrun/error.h"

namespace wasmrun {

namespace {

// Into `out`, so that on error the caller still has what was decoded.
void load(LoadedModule& out, ByteBuffer&& bytes, const Features& features, BodyValidation bodies,
          const CodeFetch& fetch_code) {
  if (fetch_code && bodies == BodyValidation::Eager)
    throw Error(ErrorKind::Usage, "load_module: fetched code needs deferred body validation");
  out.module.bytes = std::move(bytes);
  DecodeOptions one_pass;
  one_pass.scan_bodies = false;
  if (bodies == BodyValidation::Deferred) {
    DecodeOptions deferred = one_pass;
    deferred.fetch_code = fetch_code;
    decode_into(out.module, features, deferred);
    out.bodies = validate_module(out.module, features, BodyValidation::Deferred);
    return;
  }
  try {
    decode_into(out.module, features, one_pass);
    out.bodies = validate_module(out.module, features, BodyValidation::Eager);
    return;
  } catch (const Error&) {
  }
  ByteBuffer again = std::move(out.module.bytes);
  out = LoadedModule{};
  out.module.bytes = std::move(again);
  decode_into(out.module, features);  // throws the reference error...
  out.bodies = validate_module(out.module, features, BodyValidation::Eager);  // ...or this does
  // (a malformed body is reported as malformed)
}

}  // namespace

LoadedModule load_module(ByteBuffer&& bytes, const Features& features, BodyValidation bodies,
                         const CodeFetch& fetch_code) {
  LoadedModule out;
  try {
    load(out, std::move(bytes), features, bodies, fetch_code);
  } catch (Error& e) {
    name_function(e, out.module);  // as far as the module was decoded
    throw;
  }
  return out;
}

}  // namespace wasmrun
