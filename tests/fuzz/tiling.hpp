// Fuzz helper: the decoders' promise that fields tile their input, checked by trapping so
// libFuzzer reports the input that broke it.
#pragma once

#include <cstddef>
#include <vector>

#include "core/model/field.hpp"

namespace hl::fuzz {

/// True when the fields tile [begin, end) with no gap or overlap, and each field's children tile it.
inline bool tiles(const std::vector<Field>& fields, std::size_t begin, std::size_t end) {
  std::size_t at = begin;
  for (const auto& field : fields) {
    if (field.offset != at) return false;
    if (!field.children.empty() && !tiles(field.children, field.offset, field.offset + field.length)) return false;
    at += field.length;
  }
  return at == end;
}

/// Traps unless the fields tile [begin, end).
inline void require_tiles(const std::vector<Field>& fields, std::size_t begin, std::size_t end) {
  if (!tiles(fields, begin, end)) __builtin_trap();
}

}  // namespace hl::fuzz
