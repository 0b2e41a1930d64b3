// Field trees as indented text.
#include "core/export/field_text.hpp"

#include "core/wire/decode.hpp"

namespace hl {
namespace {

void append_field(std::string& out, const Field& field, int indent, bool with_explanations) {
  std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  out += pad + field.name;
  if (!field.value.empty()) out += ": " + field.value;
  out += "  [" + std::to_string(field.offset) + "+" + std::to_string(field.length) + "]";
  if (field.malformed) out += "  !! MALFORMED: " + field.error;
  out += "\n";
  if (with_explanations) {
    std::string text = wire::explain(field);
    if (!text.empty()) out += pad + "  | " + text + "\n";
  }
  for (const auto& child : field.children) append_field(out, child, indent + 1, with_explanations);
}

}  // namespace

std::string fields_to_text(const std::vector<Field>& fields, int indent, bool with_explanations) {
  std::string out;
  for (const auto& field : fields) append_field(out, field, indent, with_explanations);
  return out;
}

}  // namespace hl
