// The wasmrun release version.
#pragma once

#define WASMRUN_VERSION_MAJOR 0
#define WASMRUN_VERSION_MINOR 1
#define WASMRUN_VERSION_PATCH 0
#define WASMRUN_VERSION_STRING "0.1.0"
