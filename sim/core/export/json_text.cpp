#include "core/export/json_text.hpp"

#include <array>
#include <charconv>

namespace hl {
namespace {

constexpr char kHex[] = "0123456789abcdef";

// What a byte asks of a JSON string: nothing (copied as it is), an escape, or, outside ASCII,
// nlohmann's UTF-8 check.
enum class ByteNeed : std::uint8_t { none, escape, utf8 };

constexpr auto kByteNeeds = [] {
  std::array<ByteNeed, 256> table{};
  for (int ch = 0; ch < 0x20; ++ch) table[ch] = ByteNeed::escape;
  table['"'] = table['\\'] = ByteNeed::escape;
  for (int ch = 0x80; ch < 0x100; ++ch) table[ch] = ByteNeed::utf8;
  return table;
}();

void append_escape(std::string& out, unsigned char ch) {
  switch (ch) {
    case '"': out += "\\\""; return;
    case '\\': out += "\\\\"; return;
    case '\b': out += "\\b"; return;
    case '\f': out += "\\f"; return;
    case '\n': out += "\\n"; return;
    case '\r': out += "\\r"; return;
    case '\t': out += "\\t"; return;
    default: out += {'\\', 'u', '0', '0', kHex[ch >> 4], kHex[ch & 0xf]};
  }
}

// A string as nlohmann writes it with ensure_ascii off, in one pass: ASCII runs are copied whole;
// at the first byte outside ASCII the string goes to nlohmann, for its UTF-8 checks and errors.
void append_string(std::string& out, const std::string& text) {
  const std::size_t start = out.size();
  out.push_back('"');
  std::size_t run = 0;  // start of the bytes not yet copied
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto ch = static_cast<unsigned char>(text[i]);
    const ByteNeed need = kByteNeeds[ch];
    if (need == ByteNeed::none) continue;
    if (need == ByteNeed::utf8) {
      out.resize(start);
      out += nlohmann::json(text).dump();
      return;
    }
    out.append(text, run, i - run);
    append_escape(out, ch);
    run = i + 1;
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
  const auto& elements = array.get_ref<const nlohmann::json::array_t&>();
  append_json_array(out, elements.size(), indent, depth,
                    [&](std::string& text, std::size_t i, int at) { append_json(text, elements[i], indent, at); });
}

}  // namespace

void append_json_string(std::string& out, const std::string& text) { append_string(out, text); }

void append_json_line(std::string& out, int indent, int depth) {
  if (indent < 0) return;
  static const std::string kLine = "\n" + std::string(256, ' ');  // one append for the usual depths
  const auto width = static_cast<std::size_t>(indent * depth);
  if (width < kLine.size()) {
    out.append(kLine, 0, 1 + width);
    return;
  }
  out.push_back('\n');
  out.append(width, ' ');
}

void append_json_array(std::string& out, std::size_t count, int indent, int depth,
                       const std::function<void(std::string& out, std::size_t i, int depth)>& element) {
  if (count == 0) {
    out += "[]";
    return;
  }
  out.push_back('[');
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out.push_back(',');
    append_json_line(out, indent, depth + 1);
    element(out, i, depth + 1);
  }
  append_json_line(out, indent, depth);
  out.push_back(']');
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
