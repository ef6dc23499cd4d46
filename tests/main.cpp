// Catch2's own SIGSEGV handler would take the faults that the Guard bounds
// mode turns into traps (memory/guard_regions.h), so it stays off.
#define CATCH_CONFIG_NO_POSIX_SIGNALS
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
