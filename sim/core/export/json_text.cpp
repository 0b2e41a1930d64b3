#include "core/export/json_text.hpp"

#include <array>
#include <charconv>

namespace hl {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// The bytes a JSON string cannot hold as they are: control characters, the quote, the backslash.
constexpr auto kNeedsEscape = [] {
  std::array<bool, 256> table{};
  for (int ch = 0; ch < 0x20; ++ch) table[ch] = true;
  table['"'] = table['\\'] = true;
  return table;
}();

bool all_ascii(const std::string& text) {
  unsigned char any = 0;
  for (char ch : text) any |= static_cast<unsigned char>(ch);  // no early exit: the loop vectorises
  return any < 0x80;
}

// A string as nlohmann writes it with ensure_ascii off; ASCII only (the caller checks).
void append_ascii_string(std::string& out, const std::string& text) {
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto ch = static_cast<unsigned char>(text[i]);
    if (!kNeedsEscape[ch]) continue;
    out.append(text, run, i - run);
    run = i + 1;
    switch (ch) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: out += {'\\', 'u', '0', '0', kHex[ch >> 4], kHex[ch & 0xf]};
    }
  }
  out.append(text, run, text.size() - run);
  out.push_back('"');
}

template <typename Number>
void append_number(std::string& out, Number number) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof digits, number).ptr;
  out.append(digits, end);
}

void append_key(std::string& out, const std::string& key, int indent, int depth, bool first) {
  if (!first) out.push_back(',');
  append_json_line(out, indent, depth + 1);
  append_json_string(out, key);
  out += indent < 0 ? ":" : ": ";
}

void append_array(std::string& out, const nlohmann::json& array, int indent, int depth) {
  if (array.empty()) {
    out += "[]";
    return;
  }
  out.push_back('[');
  bool first = true;
  for (const auto& element : array.get_ref<const nlohmann::json::array_t&>()) {
    if (!first) out.push_back(',');
    first = false;
    append_json_line(out, indent, depth + 1);
    append_json(out, element, indent, depth + 1);
  }
  append_json_line(out, indent, depth);
  out.push_back(']');
}

}  // namespace

void append_json_string(std::string& out, const std::string& text) {
  if (all_ascii(text)) append_ascii_string(out, text);
  else out += nlohmann::json(text).dump();  // nlohmann's own UTF-8 checks and errors
}

void append_json_line(std::string& out, int indent, int depth) {
  if (indent < 0) return;
  out.push_back('\n');
  out.append(static_cast<std::size_t>(indent * depth), ' ');
}

void append_json_object(std::string& out, const nlohmann::json& object, int indent, int depth,
                        std::span<const SplicedMember> spliced) {
  const auto& members = object.get_ref<const nlohmann::json::object_t&>();
  if (members.empty() && spliced.empty()) {
    out += "{}";
    return;
  }
  out.push_back('{');
  bool first = true;
  auto own = members.begin();
  auto extra = spliced.begin();
  while (own != members.end() || extra != spliced.end()) {
    const bool take_extra = extra != spliced.end() && (own == members.end() || extra->key <= own->first);
    append_key(out, take_extra ? std::string(extra->key) : own->first, indent, depth, first);
    first = false;
    if (!take_extra) {
      append_json(out, (own++)->second, indent, depth + 1);
      continue;
    }
    if (own != members.end() && own->first == extra->key) ++own;  // the spliced value replaces it
    (extra++)->write(out, depth + 1);
  }
  append_json_line(out, indent, depth);
  out.push_back('}');
}

void append_json(std::string& out, const nlohmann::json& value, int indent, int depth) {
  using Type = nlohmann::json::value_t;
  switch (value.type()) {
    case Type::object: append_json_object(out, value, indent, depth, {}); return;
    case Type::array: append_array(out, value, indent, depth); return;
    case Type::string: append_json_string(out, value.get_ref<const std::string&>()); return;
    case Type::boolean: out += value.get<bool>() ? "true" : "false"; return;
    case Type::null: out += "null"; return;
    case Type::number_integer: append_number(out, value.get<std::int64_t>()); return;
    case Type::number_unsigned: append_number(out, value.get<std::uint64_t>()); return;
    default: out += value.dump(); return;  // floats, binary, discarded: nlohmann's own text
  }
}

}  // namespace hl
