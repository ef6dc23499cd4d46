// Loads the module named on the command line, calls fac(20) through a
// typed call and prints the result; checks that a wrong signature is
// refused and that the WASI host module registers.
#include <cstdint>
#include <cstdio>

#include "wasmrun/version.h"
#include "wasmrun/wasi.h"
#include "wasmrun/wasmrun.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer MODULE\n");
    return 2;
  }
  try {
    auto features = wasmrun::Features::v2();
    auto module = wasmrun::CompiledModule::from_file(argv[1], features);
    wasmrun::Store store(features);
    wasmrun::Imports imports;
    wasmrun::WasiContext wasi(wasmrun::WasiConfig{});
    wasmrun::add_wasi(store, imports, wasi);
    auto* instance = store.instantiate(*module, imports);

    auto fac = instance->func<int64_t(int64_t)>("fac");
    std::printf("wasmrun %s: fac(20) = %lld\n", WASMRUN_VERSION_STRING, static_cast<long long>(fac(store, 20)));
    try {
      instance->func<int32_t(int32_t)>("fac");
      std::printf("wrong signature accepted\n");
      return 1;
    } catch (const wasmrun::Error& e) {
      std::printf("wrong signature refused: %s\n", e.what());
    }
    return 0;
  } catch (const wasmrun::Error& e) {
    std::fprintf(stderr, "consumer: %s\n", e.what());
    return 1;
  }
}
