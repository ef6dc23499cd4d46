// Where the wasmrun command reads a module from: a file, or standard
// input for the path `-`.
#pragma once

#include <memory>
#include <string>

#include "wasmrun/wasmrun.h"

namespace wasmrun::cli {

// Binary or text, told apart by the \0asm magic. With `lazy_from_bytes`,
// a module at least that many bytes long is validated lazily
// (LoadOptions::lazy_validation), a smaller one eagerly; 0 means always
// per `options`. Throws Error (Io for an unreadable file or stdin).
std::shared_ptr<CompiledModule> load_module(const std::string& path, const Features& features,
                                            const LoadOptions& options, uint64_t lazy_from_bytes = 0);

}  // namespace wasmrun::cli
