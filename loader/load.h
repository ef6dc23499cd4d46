// The loader's entry point: a module's bytes to a decoded, validated
// module, eagerly or with function bodies left for later (lazy validation).
#pragma once

#include <cstdint>

#include "loader/byte_buffer.h"
#include "loader/decoder.h"
#include "loader/module.h"
#include "loader/validator.h"
#include "wasmrun/features.h"

namespace wasmrun {

struct LoadedModule {
  Module module;
  BodyContext bodies;  // for validate_deferred_body (BodyValidation::Deferred)
};

// Decodes and validates. Eager: the whole module, function bodies
// included, with the errors (kind and message) and the order among them
// that decode_module with scan_bodies and then validate_module give.
// Deferred: everything but function bodies, whose headers only are read;
// validate_deferred_body checks each body later; `fetch_code`, if set, is
// DecodeOptions::fetch_code (Deferred only: eager loading reads the bodies
// from `bytes`).
LoadedModule load_module(ByteBuffer&& bytes, const Features& features, BodyValidation bodies,
                         const CodeFetch& fetch_code = {});

}  // namespace wasmrun
