// `wasmrun inspect FILE`: what a module holds, without running it: its
// sections with offsets and sizes, imports and exports with their types,
// and the counts of functions, tables, memories, globals and segments.
#pragma once

#include <string>
#include <vector>

namespace wasmrun::cli {

// The arguments after `inspect`; returns the exit status (1 for a bad
// module or file, 2 for bad usage).
int inspect_main(const std::vector<std::string>& args);

}  // namespace wasmrun::cli
