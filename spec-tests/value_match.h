// Comparing a result of an invocation with what a script expects,
// including the nan:canonical / nan:arithmetic patterns, lane by lane.
#pragma once

#include <string>

#include "loader/text/wast.h"
#include "wasmrun/wasmrun.h"

namespace wasmrun::spectest {

Value to_runtime_value(const wast::Value& v);
bool matches(const Value& actual, const wast::Expected& expected);
std::string describe(const Value& v);
std::string describe(const wast::Expected& e);

}  // namespace wasmrun::spectest
