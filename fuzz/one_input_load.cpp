#include "fuzz/one_input.h"

#include <string_view>
#include <vector>

#include "loader/load.h"
#include "loader/text/wast.h"
#include "loader/text/wat.h"
#include "wasmrun/error.h"

namespace wasmrun::fuzz {

namespace {

void load(std::vector<uint8_t>&& binary) {
  try {
    load_module(std::move(binary), Features::all(), BodyValidation::Eager);
  } catch (const Error&) {
  }
}

void module_text(std::string_view text) {
  try {
    load(wat_to_binary(text, Features::all()));
  } catch (const Error&) {
  }
}

}  // namespace

void decode_one(const uint8_t* data, size_t size) { load(std::vector<uint8_t>(data, data + size)); }

void text_one(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  module_text(text);
  try {
    wast::Script script = wast::parse_script(text, Features::all());
    for (auto& command : script.commands) {
      auto& m = command.module;
      if (m.form == wast::ScriptModule::Form::Quote) module_text(m.quote);
      else if (m.form == wast::ScriptModule::Form::Binary) load(std::move(m.binary));
    }
  } catch (const Error&) {
  }
}

}  // namespace wasmrun::fuzz
