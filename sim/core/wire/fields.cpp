// Field-building helpers: the one place that turns cursor reads into byte-ranged fields.
#include "core/wire/fields.hpp"

#include <cstdio>
#include "core/model/counts.hpp"

namespace hl::wire {

std::string to_hex(std::span<const std::uint8_t> bytes, std::size_t max_len) {
  static const char digits[] = "0123456789abcdef";
  std::size_t shown = bytes.size() < max_len ? bytes.size() : max_len;
  std::string text;
  text.reserve(shown * 2 + 24);
  for (std::size_t i = 0; i < shown; ++i) {
    text.push_back(digits[bytes[i] >> 4]);
    text.push_back(digits[bytes[i] & 0x0f]);
  }
  if (shown < bytes.size()) text += "… (" + std::to_string(bytes.size()) + " bytes)";
  return text;
}

std::string quoted_ascii(std::span<const std::uint8_t> bytes) {
  std::string text = "\"";
  for (auto byte : bytes) text.push_back(byte >= 0x20 && byte < 0x7f ? static_cast<char>(byte) : '.');
  return text + "\"";
}

std::string escaped_text(std::span<const std::uint8_t> bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string text;
  for (auto byte : bytes) {
    if (byte == '\r') text += "\\r";
    else if (byte == '\n') text += "\\n";
    else if (byte == '\t') text += "\\t";
    else if (byte >= 0x20 && byte < 0x7f) text.push_back(static_cast<char>(byte));
    else text += std::string("\\x") + digits[byte >> 4] + digits[byte & 0x0f];
  }
  return text;
}

bool read_definite_length(Cursor& c, std::uint32_t& out_len, std::string& out_error,
                          const char* indefinite_error) {
  std::uint8_t first = 0;
  if (!c.u8(first)) return out_error = "the length octet is missing", false;
  if (first < 0x80) return out_len = first, true;
  std::size_t num_octets = first & 0x7f;
  if (num_octets == 0) return out_error = indefinite_error, false;
  if (num_octets > 4) return out_error = "the length takes " + std::to_string(num_octets) + " octets, more than 4", false;
  if (!c.uint(num_octets, out_len)) return out_error = "the long-form length is cut short", false;
  return true;
}

std::string hex_code(std::uint32_t value, std::size_t num_bytes) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%0*x", static_cast<int>(num_bytes * 2), value);
  return text;
}

std::string named_code(std::uint32_t value, std::size_t num_bytes, Namer namer) {
  const char* name = namer ? namer(value) : nullptr;
  return std::string(name ? name : "unknown") + " (" + hex_code(value, num_bytes) + ")";
}

Field make_leaf(std::string name, std::string value, std::size_t offset, std::size_t length, std::string key) {
  Field field;
  field.name = std::move(name);
  field.value = std::move(value);
  field.offset = offset;
  field.length = length;
  field.explain = std::move(key);
  return field;
}

void add_malformed(Cursor& c, FieldList& out, std::string name, std::string error) {
  std::size_t start = c.offset();
  auto left = c.take_rest();
  Field field = make_leaf(std::move(name), to_hex(left), start, left.size(), "malformed");
  field.malformed = true;
  field.error = std::move(error);
  out.push_back(std::move(field));
}

bool expect_end(Cursor& c, FieldList& out, const std::string& what) {
  if (c.empty()) return true;
  std::string error = std::to_string(c.remaining()) + " unexpected trailing bytes after " + what;
  add_malformed(c, out, "trailing bytes", std::move(error));
  return false;
}

namespace {

std::string too_short(const char* name, std::size_t wanted, const Cursor& c) {
  return "expected " + std::to_string(wanted) + " bytes of " + name + ", only " + std::to_string(c.remaining()) +
         " left";
}

}  // namespace

bool add_uint(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t num_bytes,
              std::uint32_t& out_value, Namer namer) {
  std::size_t start = c.offset();
  if (!c.uint(num_bytes, out_value)) {
    add_malformed(c, out, name, too_short(name, num_bytes, c));
    return false;
  }
  std::string value = namer ? named_code(out_value, num_bytes, namer) : std::to_string(out_value);
  out.push_back(make_leaf(name, std::move(value), start, num_bytes, key));
  return true;
}

bool add_uint(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t num_bytes, Namer namer) {
  std::uint32_t ignored = 0;
  return add_uint(c, out, name, key, num_bytes, ignored, namer);
}

bool add_opaque(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t len) {
  std::size_t start = c.offset();
  std::span<const std::uint8_t> taken;
  if (!c.bytes(len, taken)) {
    add_malformed(c, out, name, too_short(name, len, c));
    return false;
  }
  out.push_back(make_leaf(name, to_hex(taken), start, len, key));
  return true;
}

void add_rest(Cursor& c, FieldList& out, const char* name, const char* key) {
  std::size_t start = c.offset();
  auto left = c.take_rest();
  out.push_back(make_leaf(name, to_hex(left), start, left.size(), key));
}

bool add_text(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t len) {
  std::size_t start = c.offset();
  std::span<const std::uint8_t> taken;
  if (!c.bytes(len, taken)) {
    add_malformed(c, out, name, too_short(name, len, c));
    return false;
  }
  std::string text;
  for (auto byte : taken) text.push_back(byte >= 0x20 && byte < 0x7f ? static_cast<char>(byte) : '.');
  out.push_back(make_leaf(name, "\"" + text + "\"", start, len, key));
  return true;
}

Field& add_node(FieldList& out, std::string name, std::string value, std::size_t offset, std::size_t length,
                std::string key) {
  out.push_back(make_leaf(std::move(name), std::move(value), offset, length, std::move(key)));
  return out.back();
}

Field* open_vector(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t prefix_len,
                   std::size_t min_len, std::size_t max_len, Cursor& out_body) {
  std::size_t start = c.offset();
  std::uint32_t len = 0;
  if (!c.uint(prefix_len, len)) {
    add_malformed(c, out, name, too_short((std::string(name) + " length").c_str(), prefix_len, c));
    return nullptr;
  }
  Field length = make_leaf("length", std::to_string(len), start, prefix_len, "vector_length");
  std::size_t body_len = len;
  if (len > c.remaining()) {
    length.malformed = true;
    length.error = std::string(name) + " claims " + std::to_string(len) + " bytes but only " +
                   std::to_string(c.remaining()) + " remain; decoding what is there";
    body_len = c.remaining();
  } else if (len < min_len || len > max_len) {
    length.malformed = true;
    length.error = std::string(name) + " length " + std::to_string(len) + " is outside the RFC bounds " +
                   std::to_string(min_len) + ".." + std::to_string(max_len);
  }
  (void)c.sub(body_len, out_body);  // cannot fail: body_len <= remaining
  Field& node = add_node(out, name, byte_count(len), start, prefix_len + body_len, key);
  node.children.push_back(std::move(length));
  return &node;
}

bool add_opaque_vector(Cursor& c, FieldList& out, const char* name, const char* key, std::size_t prefix_len,
                       std::size_t min_len, std::size_t max_len) {
  Cursor body;
  Field* node = open_vector(c, out, name, key, prefix_len, min_len, max_len, body);
  if (!node) return false;
  if (body.empty()) return true;
  add_rest(body, node->children, name, key);
  node->value = node->children.back().value;
  return true;
}

void close_node(Field& node, const Cursor& c) { node.length = c.offset() - node.offset; }

void add_code_list(Cursor& body, FieldList& out, const char* item_name, const char* key, std::size_t item_len,
                   Namer namer) {
  while (!body.empty()) {
    if (!add_uint(body, out, item_name, key, item_len, namer)) return;
  }
}

}  // namespace hl::wire
