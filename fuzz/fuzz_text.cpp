// libFuzzer target: .wat and .wast text through the text parsers, then the decoder and validator (fuzz/one_input.h).
#include "fuzz/one_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  wasmrun::fuzz::text_one(data, size);
  return 0;
}
