// libFuzzer target: a binary module through the decoder and validator (fuzz/one_input.h).
#include "fuzz/one_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  wasmrun::fuzz::decode_one(data, size);
  return 0;
}
