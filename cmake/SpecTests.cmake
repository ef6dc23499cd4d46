# Registers each script of the official test suite as a CTest test.
# The suite is not part of this repository: point WASMRUN_SPEC_SUITE_2 at a
# checkout of the WebAssembly/testsuite repository (tag wg-2.0 for 2.0).
set(_default_suite "${PROJECT_SOURCE_DIR}/../shared/wasm-testsuite-2.0")
set(WASMRUN_SPEC_SUITE_2 "${_default_suite}" CACHE PATH "WebAssembly 2.0 test suite folder")

if(EXISTS "${WASMRUN_SPEC_SUITE_2}")
  file(GLOB _scripts "${WASMRUN_SPEC_SUITE_2}/*.wast")
  foreach(script ${_scripts})
    get_filename_component(name ${script} NAME_WE)
    add_test(NAME spec2/${name} COMMAND wasmrun wast --features=2.0 ${script})
  endforeach()
  file(GLOB _simd_scripts "${WASMRUN_SPEC_SUITE_2}/simd/*.wast")
  foreach(script ${_simd_scripts})
    get_filename_component(name ${script} NAME_WE)
    add_test(NAME spec2-simd/${name} COMMAND wasmrun wast --features=2.0 ${script})
    set_tests_properties(spec2-simd/${name} PROPERTIES LABELS simd)
  endforeach()
else()
  message(STATUS "wasmrun: no spec test suite at ${WASMRUN_SPEC_SUITE_2}; spec tests not registered")
endif()

# The 3.0 suite as one test: it fails when a script outside
# tests/spec-3.0-pending.txt (the scripts GC and threads still fail) fails.
set(WASMRUN_SPEC_SUITE_3 "${PROJECT_SOURCE_DIR}/../shared/wasm-testsuite" CACHE PATH "WebAssembly 3.0 test suite folder")
if(EXISTS "${WASMRUN_SPEC_SUITE_3}")
  add_test(NAME spec3 COMMAND wasmrun wast --pending=${PROJECT_SOURCE_DIR}/tests/spec-3.0-pending.txt
                                   ${WASMRUN_SPEC_SUITE_3})
else()
  message(STATUS "wasmrun: no 3.0 spec test suite at ${WASMRUN_SPEC_SUITE_3}; spec3 not registered")
endif()
