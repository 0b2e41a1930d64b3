// Field trees as JSON: the shape DESIGN.md §3 promises to scripts.
#include "core/export/field_json.hpp"

#include "core/wire/decode.hpp"

namespace hl {

nlohmann::json field_to_json(const Field& field, bool with_explanations) {
  nlohmann::json out = {{"name", field.name},
                        {"value", field.value},
                        {"offset", field.offset},
                        {"length", field.length},
                        {"children", fields_to_json(field.children, with_explanations)}};
  if (field.malformed) {
    out["malformed"] = true;
    out["error"] = field.error;
  }
  if (!with_explanations) return out;
  std::string text = wire::explain(field);
  if (!text.empty()) out["explain"] = std::move(text);
  return out;
}

nlohmann::json fields_to_json(const std::vector<Field>& fields, bool with_explanations) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& field : fields) out.push_back(field_to_json(field, with_explanations));
  return out;
}

}  // namespace hl
