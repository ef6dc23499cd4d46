// libFuzzer target: a binary module instantiated with made-up imports, every export called (fuzz/one_input.h).
#include "fuzz/one_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  wasmrun::fuzz::run_one(data, size);
  return 0;
}
