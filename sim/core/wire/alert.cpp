// Alert, ChangeCipherSpec and application data record bodies.
#include "core/wire/decoders.hpp"

namespace hl::wire {

/*
 * struct {
 *     AlertLevel level;            // warning(1), fatal(2)
 *     AlertDescription description;
 * } Alert;
 */
void decode_alert(Cursor& c, FieldList& out) {
  if (c.empty()) {
    add_malformed(c, out, "alert", "an alert needs 2 bytes (level, description); the record is empty");
    return;
  }
  while (!c.empty()) {
    Field& node = add_node(out, "Alert", "", c.offset(), 2, "alert");
    std::uint32_t level = 0, description = 0;
    if (!add_uint(c, node.children, "level", "alert_level", 1, level, alert_level_name)) break;
    if (!add_uint(c, node.children, "description", "alert_description", 1, description, alert_description_name))
      break;
    const char* name = alert_description_name(description);
    node.value = std::string(alert_level_name(level) ? alert_level_name(level) : "unknown level") + " " +
                 (name ? name : "unknown");
  }
  if (!out.empty()) close_node(out.back(), c);
}

/* struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec; */
void decode_change_cipher_spec(Cursor& c, FieldList& out, const DecodeContext& ctx) {
  std::size_t start = c.offset();
  std::uint32_t type = 0;
  if (!c.uint(1, type)) {
    add_malformed(c, out, "change_cipher_spec", "expected the one byte 0x01, the record is empty");
    return;
  }
  Field field = make_leaf("change_cipher_spec", hex_code(type, 1), start, 1,
                          ctx.version == record::kTls13 ? "change_cipher_spec_compat" : "change_cipher_spec");
  if (type != 1) {
    field.malformed = true;
    field.error = "ChangeCipherSpec must be the single byte 0x01";
  }
  out.push_back(std::move(field));
  expect_end(c, out, "ChangeCipherSpec");
}

namespace {

bool is_printable_text(std::span<const std::uint8_t> bytes) {
  if (bytes.empty()) return false;
  for (auto byte : bytes) {
    bool ok = (byte >= 0x20 && byte < 0x7f) || byte == '\r' || byte == '\n' || byte == '\t';
    if (!ok) return false;
  }
  return true;
}

std::string escaped(std::span<const std::uint8_t> bytes, std::size_t max_len = 80) {
  std::size_t shown = bytes.size() < max_len ? bytes.size() : max_len;
  return "\"" + escaped_text(bytes.first(shown)) + (shown < bytes.size() ? "\"…" : "\"");
}

}  // namespace

void decode_application_data(Cursor& c, FieldList& out, const char* name) {
  std::size_t start = c.offset();
  auto bytes = c.take_rest();
  std::string value = is_printable_text(bytes) ? escaped(bytes) : to_hex(bytes);
  out.push_back(make_leaf(name, std::move(value), start, bytes.size(), "application_data"));
}

}  // namespace hl::wire
