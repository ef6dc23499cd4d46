// Comparing a result of an invocation with what a script expects,
// including the nan:canonical / nan:arithmetic patterns, lane by lane.
#pragma once

#include <string>

#include "loader/text/wast.h"
#include "wasmrun/wasmrun.h"

namespace wasmrun::spectest {

// False for a script value that has no runtime value yet: (ref.host N) and
// nulls outside the func and extern hierarchies, which need GC.
bool representable(const wast::Value& v);
Value to_runtime_value(const wast::Value& v);
bool matches(const Value& actual, const wast::Expected& expected);
std::string describe(const Value& v);
std::string describe(const wast::Expected& e);
std::string describe(const wast::Value& v);

}  // namespace wasmrun::spectest
