// A bounded DER reader (X.690) that shows every TLV's tag, length and value with byte
// ranges, names OIDs from a table, and looks inside OCTET/BIT STRINGs that hold DER.
#include <string>

#include "core/wire/decoders.hpp"
#include "core/wire/oids.hpp"
#include "core/model/counts.hpp"

namespace hl::wire {
namespace {

constexpr int kMaxDepth = 24;

const CodeName kUniversalTags[] = {
    {1, "BOOLEAN"},          {2, "INTEGER"},          {3, "BIT STRING"},      {4, "OCTET STRING"},
    {5, "NULL"},             {6, "OBJECT IDENTIFIER"}, {10, "ENUMERATED"},    {12, "UTF8String"},
    {16, "SEQUENCE"},        {17, "SET"},             {19, "PrintableString"}, {20, "T61String"},
    {22, "IA5String"},       {23, "UTCTime"},         {24, "GeneralizedTime"}, {26, "VisibleString"},
    {28, "UniversalString"}, {30, "BMPString"},
};

struct Tag {
  std::uint8_t tag_class = 0;  // 0 universal, 1 application, 2 context, 3 private
  bool constructed = false;
  std::uint32_t number = 0;
};

std::string tag_name(const Tag& tag) {
  if (tag.tag_class == 2) return "[" + std::to_string(tag.number) + "]";
  if (tag.tag_class == 0) {
    const char* name = find_name(kUniversalTags, tag.number);
    if (name) return name;
  }
  static const char* const kClasses[] = {"UNIVERSAL", "APPLICATION", "CONTEXT", "PRIVATE"};
  return std::string(kClasses[tag.tag_class]) + " " + std::to_string(tag.number);
}

// Identifier octets: class, constructed bit, number (high-tag form: base-128, at most 4 bytes).
bool read_tag(Cursor& c, Tag& out_tag) {
  std::uint8_t first = 0;
  if (!c.u8(first)) return false;
  out_tag.tag_class = first >> 6;
  out_tag.constructed = (first & 0x20) != 0;
  out_tag.number = first & 0x1f;
  if (out_tag.number != 0x1f) return true;
  out_tag.number = 0;
  for (int i = 0; i < 4; ++i) {
    std::uint8_t byte = 0;
    if (!c.u8(byte)) return false;
    out_tag.number = (out_tag.number << 7) | (byte & 0x7f);
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

std::string time_text(std::span<const std::uint8_t> bytes, bool utc_time) {
  std::string raw(bytes.begin(), bytes.end());
  for (char ch : raw) {
    if (!((ch >= '0' && ch <= '9') || ch == 'Z')) return quoted_ascii(bytes);
  }
  if (raw.size() < (utc_time ? 12u : 14u)) return quoted_ascii(bytes);
  std::string year = utc_time ? (raw[0] >= '5' ? "19" : "20") + raw.substr(0, 2) : raw.substr(0, 4);
  std::size_t p = utc_time ? 2 : 4;
  return year + "-" + raw.substr(p, 2) + "-" + raw.substr(p + 2, 2) + " " + raw.substr(p + 4, 2) + ":" +
         raw.substr(p + 6, 2) + ":" + raw.substr(p + 8, 2) + " UTC";
}

std::string integer_text(std::span<const std::uint8_t> bytes) {
  if (bytes.empty() || bytes.size() > 8) return to_hex(bytes);
  std::uint64_t value = 0;
  for (auto byte : bytes) value = (value << 8) | byte;
  if (bytes[0] & 0x80) return to_hex(bytes) + " (negative)";
  return std::to_string(value) + (bytes.size() > 1 ? " (" + to_hex(bytes) + ")" : "");
}

std::string primitive_value(const Tag& tag, std::span<const std::uint8_t> bytes) {
  if (tag.tag_class != 0) return to_hex(bytes);
  switch (tag.number) {  // display rules differ per type; each line is one rule
    case 1: return bytes.size() == 1 && bytes[0] ? "TRUE" : "FALSE";
    case 2: return integer_text(bytes);
    case 5: return "NULL";
    case 6: return oid_to_text(bytes);
    case 12: case 19: case 20: case 22: case 26: return quoted_ascii(bytes);
    case 23: return time_text(bytes, true);
    case 24: return time_text(bytes, false);
    default: return to_hex(bytes);
  }
}

std::string explain_key(const Tag& tag) {
  if (tag.tag_class == 2) return "asn1.context";
  if (tag.tag_class != 0) return "asn1.other";
  const char* name = find_name(kUniversalTags, tag.number);
  return name ? std::string("asn1.") + name : "asn1.other";
}

// Tries to show an OCTET STRING's or BIT STRING's contents as DER; false (nothing added) if it is not.
bool try_nested_der(Cursor value, FieldList& out, int depth) {
  if (value.empty() || depth >= kMaxDepth) return false;
  std::uint8_t first = value.rest()[0];
  if (first != 0x30 && first != 0x04 && first != 0x03 && first != 0x02 && first != 0x31) return false;
  FieldList nested;
  Cursor probe = value;
  while (!probe.empty()) decode_der(probe, nested, depth + 1);
  for (const auto& field : nested) {
    if (field.malformed) return false;
  }
  // The whole nested tree must be clean, not only its top level.
  std::vector<const Field*> stack;
  for (const auto& field : nested) stack.push_back(&field);
  while (!stack.empty()) {
    const Field* field = stack.back();
    stack.pop_back();
    if (field->malformed) return false;
    for (const auto& child : field->children) stack.push_back(&child);
  }
  for (auto& field : nested) out.push_back(std::move(field));
  return true;
}

void add_value(Cursor& value, const Tag& tag, Field& node, int depth) {
  if (tag.constructed) {
    while (!value.empty()) decode_der(value, node.children, depth + 1);
    return;
  }
  std::span<const std::uint8_t> bytes = value.rest();
  node.value = primitive_value(tag, bytes);
  bool bit_string = tag.tag_class == 0 && tag.number == 3;
  bool octet_string = tag.tag_class == 0 && tag.number == 4;
  if (bit_string && !bytes.empty()) {
    (void)add_uint(value, node.children, "unused bits", "asn1.unused_bits", 1);
    if (bytes[0] == 0 && try_nested_der(value, node.children, depth)) {
      (void)value.take_rest();
      return;
    }
  }
  if (octet_string && try_nested_der(value, node.children, depth)) {
    (void)value.take_rest();
    return;
  }
  std::size_t start = value.offset();
  auto rest = value.take_rest();
  node.children.push_back(make_leaf("value", bit_string ? to_hex(rest) : node.value, start, rest.size(),
                                    explain_key(tag)));
}

}  // namespace

std::string der_value_text(std::uint32_t universal_tag, std::span<const std::uint8_t> bytes) {
  Tag tag;
  tag.number = universal_tag;
  return primitive_value(tag, bytes);
}

std::string oid_to_text(std::span<const std::uint8_t> body) {
  std::string dotted;
  std::uint64_t arc = 0;
  bool first = true;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (arc > (UINT64_MAX >> 7)) return to_hex(body) + " (OID arc too large)";
    arc = (arc << 7) | (body[i] & 0x7f);
    if (body[i] & 0x80) continue;
    if (first) {
      std::uint64_t top = arc < 40 ? 0 : arc < 80 ? 1 : 2;
      dotted = std::to_string(top) + "." + std::to_string(arc - top * 40);
      first = false;
    } else {
      dotted += "." + std::to_string(arc);
    }
    arc = 0;
  }
  if (first || (!body.empty() && (body.back() & 0x80))) return to_hex(body) + " (malformed OID)";
  const char* name = oid_name(dotted);
  return name ? std::string(name) + " (" + dotted + ")" : dotted;
}

/* TLV: identifier octets, length octets, contents octets (X.690 §8.1) */
void decode_der(Cursor& c, FieldList& out, int depth) {
  if (depth >= kMaxDepth) {
    add_malformed(c, out, "DER", "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    return;
  }
  std::size_t start = c.offset();
  Tag tag;
  Cursor probe = c;
  if (!read_tag(probe, tag)) {
    add_malformed(c, out, "DER tag", "expected an ASN.1 identifier octet");
    return;
  }
  Field& node = add_node(out, tag_name(tag), "", start, 0, explain_key(tag));
  std::size_t tag_len = probe.offset() - start;
  std::string tag_bytes = to_hex(c.rest().first(tag_len));
  (void)add_opaque(c, node.children, "tag", "asn1.tag", tag_len);
  node.children.back().value = tag_bytes + " (" + tag_name(tag) + (tag.constructed ? ", constructed)" : ")");
  std::uint32_t len = 0;
  std::string error;
  std::size_t length_start = c.offset();
  probe = c;
  if (!read_definite_length(probe, len, error, "indefinite length (0x80) is not allowed in DER")) {
    add_malformed(c, node.children, "length", error);
    close_node(node, c);
    return;
  }
  (void)c.skip(probe.offset() - length_start);
  Field length = make_leaf("length", std::to_string(len), length_start, c.offset() - length_start, "asn1.length");
  Cursor value;
  if (!c.sub(len, value)) {
    length.malformed = true;
    length.error = "the value claims " + std::to_string(len) + " bytes but only " + std::to_string(c.remaining()) +
                   " remain";
    (void)c.sub(c.remaining(), value);
  }
  node.children.push_back(std::move(length));
  add_value(value, tag, node, depth);
  if (tag.constructed) node.value = byte_count(len);
  close_node(node, c);
}

}  // namespace hl::wire
