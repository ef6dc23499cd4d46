// The loader's entry point: a module's bytes to a decoded, validated
// module, eagerly or with function bodies left for later (lazy validation).
#pragma once

#include <cstdint>
#include <vector>

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
// validate_deferred_body checks each body later.
LoadedModule load_module(std::vector<uint8_t>&& bytes, const Features& features, BodyValidation bodies);

}  // namespace wasmrun
