// Every input kept in fuzz/regressions/TARGET/ (reproducers of bugs the
// fuzzers found, and deep-nesting inputs) replayed through what that fuzz
// target does with an input (fuzz/one_input.h): each must be handled with
// at most a wasmrun::Error, never a crash or a sanitizer finding.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/one_input.h"

namespace {

namespace fs = std::filesystem;

// The number of inputs replayed from fuzz/regressions/`target`.
template <class Fn>
size_t replay(const std::string& target, Fn one) {
  fs::path dir = fs::path(WASMRUN_FUZZ_REGRESSIONS) / target;
  REQUIRE(fs::is_directory(dir));
  size_t n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().filename() == ".gitkeep") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    INFO(entry.path().string());
    one(bytes.data(), bytes.size());
    ++n;
  }
  return n;
}

}  // namespace

TEST_CASE("fuzz regressions: decode", "[fuzz]") { CHECK(replay("decode", wasmrun::fuzz::decode_one) > 0); }
TEST_CASE("fuzz regressions: text", "[fuzz]") { CHECK(replay("text", wasmrun::fuzz::text_one) > 0); }
TEST_CASE("fuzz regressions: run", "[fuzz]") { CHECK(replay("run", wasmrun::fuzz::run_one) > 0); }
