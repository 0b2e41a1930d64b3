# CMake glue to the Debian packages listed in debian-packages.txt.
# Every external dependency is found here and nowhere else.

find_package(PkgConfig REQUIRED)
find_package(OpenSSL 3.0 REQUIRED)
find_package(Threads REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
find_package(fmt REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(md4c REQUIRED)
# libpcap has no CMake config in Debian: pkg-config. It writes classic pcap for `export`.
pkg_check_modules(PCAP REQUIRED IMPORTED_TARGET libpcap)

# Catch2 v2 from Debian ships only the header-only Catch2::Catch2 target, not
# Catch2WithMain; build the main once here under the v3 name.
find_package(Catch2 2 REQUIRED)
include(Catch)
if(NOT TARGET Catch2::Catch2WithMain)
  add_library(hl_catch2_main STATIC "${CMAKE_CURRENT_LIST_DIR}/catch2_main.cpp")
  target_link_libraries(hl_catch2_main PUBLIC Catch2::Catch2)
  add_library(Catch2::Catch2WithMain ALIAS hl_catch2_main)
endif()

if(HL_BUILD_APP)
  # Debian's Dear ImGui 1.86 has no CMake config: a static lib with the GLFW and
  # OpenGL3 backends built in, described by pkg-config.
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
  find_package(glfw3 3.3 REQUIRED)
  find_package(OpenGL REQUIRED)
  add_library(hl_imgui INTERFACE)
  target_link_libraries(hl_imgui INTERFACE PkgConfig::IMGUI glfw OpenGL::GL ${CMAKE_DL_LIBS})
endif()

if(HL_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()
