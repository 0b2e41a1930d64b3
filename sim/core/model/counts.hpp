// Counts as a person reads them: "1 byte", "2 bytes", "no endpoint events".
#pragma once

#include <cstddef>
#include <string>

namespace hl {

/// "1 byte", "0 bytes", "74 bytes": the number and the noun, singular only for one.
inline std::string count_of(std::size_t n, const char* singular, const char* plural) {
  return std::to_string(n) + " " + (n == 1 ? singular : plural);
}

/// count_of(n, "byte", "bytes").
inline std::string byte_count(std::size_t n) { return count_of(n, "byte", "bytes"); }

}  // namespace hl
