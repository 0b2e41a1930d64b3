// Field trees as indented text for a terminal, shared by `decode` and (optionally) `trace`.
#pragma once

#include <string>
#include <vector>

#include "core/model/field.hpp"

namespace hl {

/// One line per field: "name: value  [offset+length]", children indented two spaces deeper,
/// malformed fields flagged with their error; with_explanations adds the explanation below each.
std::string fields_to_text(const std::vector<Field>& fields, int indent = 0, bool with_explanations = false);

}  // namespace hl
