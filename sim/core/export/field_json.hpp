// Field trees as JSON, shared by `decode --format json` and the trace exporter.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/model/field.hpp"

namespace hl {

/// {name, value, offset, length, children} plus "malformed"/"error" when set and "explain" (the
/// plain-language text) when with_explanations and the field has one.
nlohmann::json field_to_json(const Field& field, bool with_explanations = true);

/// A JSON array of field_to_json() of each field.
nlohmann::json fields_to_json(const std::vector<Field>& fields, bool with_explanations = true);

}  // namespace hl
