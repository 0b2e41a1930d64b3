// explain(): a field's key (and value) to its plain-language text.
#include "core/wire/decode.hpp"
#include "core/wire/explanations.hpp"

namespace hl::wire {
namespace {

// The value's name part: "x25519 (0x001d)" -> "x25519".
std::string_view value_name(std::string_view value) {
  std::size_t paren = value.find(" (");
  return paren == std::string_view::npos ? value : value.substr(0, paren);
}

// Looks up key, then each shorter dotted prefix ("app.smtp.EHLO" -> "app.smtp" -> "app").
const char* lookup_with_fallback(std::string key) {
  while (!key.empty()) {
    if (const char* text = explanation_text(key)) return text;
    std::size_t dot = key.rfind('.');
    if (dot == std::string::npos) return nullptr;
    key.resize(dot);
  }
  return nullptr;
}

}  // namespace

std::string explain(const Field& field) {
  std::string text;
  std::string specific;
  specific.reserve(field.explain.size() + 1 + field.value.size());
  specific.append(field.explain).append(":").append(value_name(field.value));
  if (const char* value_text = explanation_text(specific)) text = value_text;
  const char* general = text.empty() ? lookup_with_fallback(field.explain) : nullptr;
  if (general) text = general;
  std::size_t at = text.find("{value}");
  if (at != std::string::npos) text.replace(at, 7, field.value);
  if (field.malformed) text = "Malformed: " + field.error + (text.empty() ? "" : ". " + text);
  return text;
}

}  // namespace hl::wire
