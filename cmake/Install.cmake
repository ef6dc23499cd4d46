# `cmake --install`: the wasmrun command, its man page and bash completion,
# the public headers, the libraries, a CMake package (wasmrunConfig.cmake,
# targets wasmrun::wasmrun, wasmrun::wasi, wasmrun::c_api) and pkg-config
# files (wasmrun.pc, wasmrun-c-api.pc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(WASMRUN_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/wasmrun)

install(TARGETS wasmrun_memory wasmrun_loader wasmrun_interp wasmrun_wasi wasmrun_c_api
        EXPORT wasmrunTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS wasmrun RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/wasmrun DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${PROJECT_BINARY_DIR}/include/wasmrun/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/wasmrun)

install(EXPORT wasmrunTargets NAMESPACE wasmrun:: DESTINATION ${WASMRUN_CMAKE_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/wasmrunConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/wasmrunConfig.cmake
                              INSTALL_DESTINATION ${WASMRUN_CMAKE_DIR})
# 0.x: a minor release may break the API, so only the same minor matches.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/wasmrunConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/wasmrunConfig.cmake ${PROJECT_BINARY_DIR}/wasmrunConfigVersion.cmake
        DESTINATION ${WASMRUN_CMAKE_DIR})

# pkg-config. The files find the prefix from where they are installed
# (${pcfiledir}), so `cmake --install --prefix P` gives working files.
file(RELATIVE_PATH WASMRUN_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
set(WASMRUN_PC_PREFIX "\${pcfiledir}/${WASMRUN_PC_TO_PREFIX}")
# Static libraries need fmt (and, for C programs, the C++
# runtime) on every link line, so it is public then; shared libraries
# record their own dependencies.
if(IS_ABSOLUTE ${CMAKE_INSTALL_LIBDIR})
  set(WASMRUN_PC_LIBDIR ${CMAKE_INSTALL_LIBDIR})
else()
  set(WASMRUN_PC_LIBDIR "\${exec_prefix}/${CMAKE_INSTALL_LIBDIR}")
endif()
if(IS_ABSOLUTE ${CMAKE_INSTALL_INCLUDEDIR})
  set(WASMRUN_PC_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR})
else()
  set(WASMRUN_PC_INCLUDEDIR "\${prefix}/${CMAKE_INSTALL_INCLUDEDIR}")
endif()
if(BUILD_SHARED_LIBS)
  set(WASMRUN_PC_REQUIRES "Requires.private: fmt")
  set(WASMRUN_PC_CXX_RUNTIME "")
else()
  set(WASMRUN_PC_REQUIRES "Requires: fmt")
  set(WASMRUN_PC_CXX_RUNTIME "-lstdc++ -lm")
endif()
foreach(pc wasmrun wasmrun-c-api)
  configure_file(${PROJECT_SOURCE_DIR}/cmake/${pc}.pc.in ${PROJECT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
endforeach()

install(FILES ${PROJECT_SOURCE_DIR}/tools/wasmrun.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/tools/wasmrun.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME wasmrun)
