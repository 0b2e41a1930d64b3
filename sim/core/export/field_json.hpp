// Field trees as JSON, shared by `decode --format json` and the trace exporter.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/model/field.hpp"

namespace hl {

/// {name, value, offset, length, children} plus "malformed"/"error" when set and "explain" (the
/// plain-language text) when with_explanations and the field has one.
nlohmann::json field_to_json(const Field& field, bool with_explanations = true);

/// A JSON array of field_to_json() of each field.
nlohmann::json fields_to_json(const std::vector<Field>& fields, bool with_explanations = true);

/// Appends fields_to_json(fields) as append_json(out, ..., indent, depth) writes it (json_text.hpp),
/// without building it: field trees are most of a trace, and writers of many traces stream them.
void append_fields_json(std::string& out, const std::vector<Field>& fields, int indent, int depth);

}  // namespace hl
