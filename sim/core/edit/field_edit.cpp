// Editing one field: the value kinds as a table, the value written as bytes, the splice,
// and the lengths around it moved by the change of size.
#include "core/edit/field_edit.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>

#include "core/wire/fields.hpp"

namespace hl::edit {
namespace {

constexpr std::string_view kRemove = "remove";
constexpr std::string_view kHexPrefix = "hex:";
constexpr std::string_view kTextPrefix = "text:";
constexpr std::size_t kMaxChoicesInError = 8;

// Explanation keys of the fields that take a name from an IANA table.
struct NamedKey {
  std::string_view key;
  wire::Registry registry;
};
constexpr NamedKey kNamedKeys[] = {
    {"cipher_suite", wire::Registry::cipher_suite},        {"selected_cipher_suite", wire::Registry::cipher_suite},
    {"legacy_version", wire::Registry::version},           {"legacy_version_server", wire::Registry::version},
    {"legacy_version_server_tls13", wire::Registry::version}, {"legacy_record_version", wire::Registry::version},
    {"supported_version", wire::Registry::version},        {"selected_version", wire::Registry::version},
    {"named_group", wire::Registry::named_group},          {"hrr_selected_group", wire::Registry::named_group},
    {"signature_scheme", wire::Registry::signature_scheme}, {"extension_type", wire::Registry::extension_type},
    {"content_type", wire::Registry::content_type},        {"opaque_type", wire::Registry::content_type},
    {"inner_content_type", wire::Registry::content_type},  {"compression_method", wire::Registry::compression_method},
    {"alert_description", wire::Registry::alert_description}, {"ec_point_format", wire::Registry::ec_point_format},
    {"psk_ke_mode", wire::Registry::psk_mode},             {"server_name_type", wire::Registry::server_name_type},
    {"key_update_request", wire::Registry::key_update_request},
};

// The lengths the fix-up rewrites: a vector's prefix, a handshake message's, a record's.
constexpr std::string_view kLengthKeys[] = {"vector_length", "handshake_length", "record_length"};
// Fields whose bytes are text (a host name, an ALPN protocol name).
constexpr std::string_view kTextKeys[] = {"host_name", "alpn_protocol"};

bool is_length(const Field& field) {
  return field.name == "length" && field.length >= 1 && field.length <= 4 &&
         std::find(std::begin(kLengthKeys), std::end(kLengthKeys), field.explain) != std::end(kLengthKeys);
}

std::string lower_letters(std::string_view text) {
  std::string out;
  for (char ch : text)
    if (std::isalnum(static_cast<unsigned char>(ch)) || ch == '.') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  return out;
}

bool hex_digit(char ch, std::uint8_t& out) {
  if (ch >= '0' && ch <= '9') return out = static_cast<std::uint8_t>(ch - '0'), true;
  const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (lower >= 'a' && lower <= 'f') return out = static_cast<std::uint8_t>(lower - 'a' + 10), true;
  return false;
}

// Hex digits, two per byte (spaces and ':' between bytes allowed).
bool parse_hex(std::string_view text, Bytes& out, std::string& out_error) {
  out.clear();
  std::string digits;
  for (char ch : text)
    if (ch != ' ' && ch != ':') digits.push_back(ch);
  if (digits.size() % 2 != 0) return out_error = "'" + std::string(text.substr(0, 40)) + "' is not whole bytes of hex (an odd number of digits)", false;
  for (std::size_t i = 0; i < digits.size(); i += 2) {
    std::uint8_t high = 0, low = 0;
    if (!hex_digit(digits[i], high) || !hex_digit(digits[i + 1], low))
      return out_error = "'" + std::string(text.substr(0, 40)) + "' is not hex", false;
    out.push_back(static_cast<std::uint8_t>(high << 4 | low));
  }
  return true;
}

Bytes big_endian(std::uint64_t value, std::size_t width) {
  Bytes out(width);
  for (std::size_t i = 0; i < width; ++i) out[width - 1 - i] = static_cast<std::uint8_t>(value >> (8 * i));
  return out;
}

// A number in decimal or 0x hex; false when it is neither.
bool parse_number(std::string_view text, std::uint64_t& out) {
  const bool hex = text.starts_with("0x") || text.starts_with("0X");
  if (hex) text.remove_prefix(2);
  if (text.empty() || text.size() > 16) return false;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out, hex ? 16 : 10);
  return error == std::errc() && end == text.data() + text.size();
}

std::string some_choices(wire::Registry registry) {
  const auto table = wire::registry_table(registry);
  std::string text;
  for (std::size_t i = 0; i < table.size() && i < kMaxChoicesInError; ++i) text += (i ? ", " : "") + std::string(table[i].name);
  if (table.size() > kMaxChoicesInError) text += ", ... (" + std::to_string(table.size()) + " in all)";
  return text;
}

bool find_code(wire::Registry registry, std::string_view name, std::uint32_t& out_code) {
  const auto table = wire::registry_table(registry);
  for (const auto& row : table)
    if (name == row.name) return out_code = row.code, true;
  const std::string wanted = lower_letters(name);
  for (const auto& row : table)
    if (!wanted.empty() && lower_letters(row.name) == wanted) return out_code = row.code, true;
  return false;
}

const char* registry_noun(wire::Registry registry) {
  static const char* const nouns[] = {"content type", "cipher suite", "version", "group", "signature scheme",
                                      "extension type", "compression method", "alert", "EC point format",
                                      "PSK mode", "server name type", "KeyUpdate request"};
  return nouns[static_cast<int>(registry)];
}

std::uint64_t read_uint(std::span<const std::uint8_t> bytes) {
  std::uint64_t value = 0;
  for (std::uint8_t byte : bytes) value = value << 8 | byte;
  return value;
}

// How the new value reads in the edit's description.
std::string display_of(ValueKind kind, const std::optional<wire::Registry>& registry, const Bytes& bytes) {
  if (kind == ValueKind::named && registry && bytes.size() <= 4) {
    const auto code = static_cast<std::uint32_t>(read_uint(bytes));
    const char* name = wire::find_name(wire::registry_table(*registry), code);
    return std::string(name ? name : "unknown") + " (" + wire::hex_code(code, bytes.size()) + ")";
  }
  if (kind == ValueKind::number && bytes.size() <= 8) return std::to_string(read_uint(bytes));
  if (kind == ValueKind::text) return "\"" + wire::escaped_text(bytes) + "\"";
  return bytes.empty() ? "(no bytes)" : wire::to_hex(bytes);
}

// A list of named codes (cipher_suites, named_group_list, versions): the element all its
// elements are, when they are all named from one registry with one width.
const Field* named_list_element(const Field& field) {
  if (!is_vector(field)) return nullptr;
  const std::vector<const Field*> items = elements(field);
  if (items.empty()) return nullptr;
  std::optional<wire::Registry> first, registry;
  if (value_kind(*items.front(), first) != ValueKind::named) return nullptr;
  for (const Field* item : items)
    if (value_kind(*item, registry) != ValueKind::named || registry != first || item->length != items.front()->length) return nullptr;
  return items.front();
}

bool encode_value(const Field& field, std::string_view value, Bytes& out, std::string& out_display, std::string& out_error);

// A whole list given as names or numbers, comma-separated: each in the element's width.
bool encode_list(const Field& field, const Field& element, std::string_view value, Bytes& out, std::string& out_display,
                 std::string& out_error) {
  out.clear();
  out_display.clear();
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    Bytes one;
    std::string display;
    if (!encode_value(element, value.substr(0, comma), one, display, out_error))
      return out_error = path_key(field) + ": " + out_error, false;
    out.insert(out.end(), one.begin(), one.end());
    out_display += (out_display.empty() ? "" : ", ") + display;
    value = comma == std::string_view::npos ? std::string_view() : value.substr(comma + 1);
  }
  if (out_display.empty()) out_display = "(empty list)";
  return true;
}

// The bytes a value stands for in this field: a number or name in the field's own width,
// text, or hex; for a list of named codes, names or numbers separated by commas. Numbers and
// names must fill the field exactly.
bool encode_value(const Field& field, std::string_view value, Bytes& out, std::string& out_display, std::string& out_error) {
  std::optional<wire::Registry> registry;
  const ValueKind kind = value_kind(field, registry);
  const std::string name = path_key(field);
  const bool fixed = kind == ValueKind::number || kind == ValueKind::named;
  std::uint64_t number = 0;
  std::uint32_t code = 0;
  const Field* element = named_list_element(field);
  const bool hex_digits = !value.empty() && value.find_first_not_of("0123456789abcdefABCDEF: ") == std::string_view::npos;
  if (element && !value.starts_with(kHexPrefix) && !hex_digits) return encode_list(field, *element, value, out, out_display, out_error);
  if (value.starts_with(kHexPrefix)) {
    if (!parse_hex(value.substr(kHexPrefix.size()), out, out_error)) return false;
  } else if (value.starts_with(kTextPrefix)) {
    out.assign(value.begin() + static_cast<std::ptrdiff_t>(kTextPrefix.size()), value.end());
  } else if (fixed && parse_number(value, number)) {
    if (field.length < 8 && number >> (8 * field.length) != 0)
      return out_error = std::string(value) + " does not fit the " + std::to_string(field.length) + "-byte field " + name, false;
    out = big_endian(number, field.length);
  } else if (fixed && registry && find_code(*registry, value, code)) {
    out = big_endian(code, field.length);
  } else if (fixed) {
    return out_error = registry ? "'" + std::string(value) + "' is no " + registry_noun(*registry) + " for " + name +
                                      "; give a name (" + some_choices(*registry) + "), a number, or hex:.."
                                : "'" + std::string(value) + "' is not a number for " + name + " (decimal or 0x..)",
           false;
  } else if (kind == ValueKind::text) {
    out.assign(value.begin(), value.end());
  } else {
    std::string_view digits = value;
    if (digits.starts_with("0x")) digits.remove_prefix(2);
    if (!parse_hex(digits, out, out_error)) return out_error = name + " takes bytes as hex: " + out_error, false;
  }
  if (fixed && out.size() != field.length)
    return out_error = name + " is " + std::to_string(field.length) + " bytes wide; the value gives " + std::to_string(out.size()), false;
  out_display = display_of(kind, registry, out);
  return true;
}

// What an edit replaces: the field, or a vector's content after its length; and the
// sibling lists that hold the lengths enclosing it, innermost first. The tree's top list
// counts too: a step's tree has the record header's fields at the top, beside its fragment.
struct Enclosing {
  const std::vector<Field>* list;
  std::string owner;  // for an error: whose length it is
};

struct Target {
  std::size_t offset = 0;
  std::size_t length = 0;
  std::vector<Enclosing> enclosing;
};

Target target_of(const std::vector<Field>& fields, const FieldRef& ref, bool content_of_vector) {
  Target target;
  const Field& field = ref.field();
  target.offset = field.offset;
  target.length = field.length;
  std::size_t num_enclosing = ref.chain.size() - 1;
  if (content_of_vector) {
    const Field& length = field.children.front();
    target.offset = length.offset + length.length;
    target.length = field.offset + field.length - target.offset;
    num_enclosing = ref.chain.size();
  }
  for (std::size_t i = num_enclosing; i > 0; --i) target.enclosing.push_back({&ref.chain[i - 1]->children, path_key(*ref.chain[i - 1])});
  target.enclosing.push_back({&fields, "the record"});
  return target;
}

// Moves every length that encloses the target by `delta` bytes; false when one would leave its
// field. With `record_only` (keep_lengths) only the record header's: the record still frames
// what is delivered, and every length inside it is left wrong.
bool fix_lengths(const Target& target, std::ptrdiff_t delta, bool record_only, AppliedEdit& edit, std::string& out_error) {
  for (const Enclosing& enclosing : target.enclosing) {
    for (const Field& length : *enclosing.list) {
      if (!is_length(length) || length.offset + length.length > target.offset) continue;
      if (record_only && length.explain != "record_length") continue;
      const std::span<const std::uint8_t> old_bytes(edit.bytes.data() + length.offset, length.length);
      const auto old_value = static_cast<std::int64_t>(read_uint(old_bytes));
      const std::int64_t new_value = old_value + delta;
      if (new_value < 0 || new_value >> (8 * length.length) != 0)
        return out_error = "the edit would make the length of " + enclosing.owner + " " + std::to_string(new_value) +
                           ", which its " + std::to_string(length.length) + "-byte length cannot hold", false;
      const Bytes written = big_endian(static_cast<std::uint64_t>(new_value), length.length);
      std::copy(written.begin(), written.end(), edit.bytes.begin() + static_cast<std::ptrdiff_t>(length.offset));
      edit.fixed_lengths.push_back(length.offset);
    }
  }
  return true;
}

bool splice(std::span<const std::uint8_t> bytes, const Target& target, const Bytes& inserted, bool keep_lengths,
            AppliedEdit& out_edit, std::string& out_error) {
  if (target.offset + target.length > bytes.size()) return out_error = "the field runs past the record's end", false;
  AppliedEdit edit;
  edit.bytes.assign(bytes.begin(), bytes.end());
  edit.offset = target.offset;
  edit.removed_len = target.length;
  edit.inserted_len = inserted.size();
  const auto delta = static_cast<std::ptrdiff_t>(inserted.size()) - static_cast<std::ptrdiff_t>(target.length);
  if (delta != 0 && !fix_lengths(target, delta, keep_lengths, edit, out_error)) return false;
  const auto at = edit.bytes.begin() + static_cast<std::ptrdiff_t>(target.offset);
  edit.bytes.erase(at, at + static_cast<std::ptrdiff_t>(target.length));
  edit.bytes.insert(edit.bytes.begin() + static_cast<std::ptrdiff_t>(target.offset), inserted.begin(), inserted.end());
  out_edit = std::move(edit);
  return true;
}

bool raw_edit(std::span<const std::uint8_t> bytes, const EditSpec& spec, AppliedEdit& out_edit, std::string& out_error) {
  Bytes inserted;
  std::string_view value = spec.value;
  if (value.starts_with(kHexPrefix)) value.remove_prefix(kHexPrefix.size());
  if (!parse_hex(value, inserted, out_error)) return out_error = "a raw edit takes hex: " + out_error, false;
  if (inserted.empty()) return out_error = "a raw edit needs at least one byte of hex", false;
  const std::size_t offset = *spec.offset;
  if (offset >= bytes.size() || inserted.size() > bytes.size() - offset)
    return out_error = "bytes " + std::to_string(offset) + ".." + std::to_string(offset + inserted.size() - 1) +
                       " run past the step's " + std::to_string(bytes.size()) + " bytes", false;
  Target target{offset, inserted.size(), {}};
  if (!splice(bytes, target, inserted, true, out_edit, out_error)) return false;
  const Bytes before(bytes.begin() + static_cast<std::ptrdiff_t>(offset),
                     bytes.begin() + static_cast<std::ptrdiff_t>(offset + inserted.size()));
  out_edit.description = "bytes " + std::to_string(offset) + ".." + std::to_string(offset + inserted.size() - 1) + ": " +
                         wire::to_hex(before) + " -> " + wire::to_hex(inserted);
  return true;
}

bool removable(const FieldRef& ref) {
  const Field* parent = ref.parent();
  return parent && is_vector(*parent) && &ref.field() != &parent->children.front();
}

std::string lengths_note(const AppliedEdit& edit, bool keep_lengths) {
  if (edit.inserted_len == edit.removed_len) return "";
  if (keep_lengths) return "; the lengths inside the record were left as they were";
  return edit.fixed_lengths.empty() ? "" : "; " + std::to_string(edit.fixed_lengths.size()) + " enclosing lengths fixed up";
}

}  // namespace

ValueKind value_kind(const Field& field, std::optional<wire::Registry>& out_registry) {
  out_registry.reset();
  if (std::find(std::begin(kTextKeys), std::end(kTextKeys), field.explain) != std::end(kTextKeys)) return ValueKind::text;
  if (!field.children.empty()) return ValueKind::bytes;
  for (const NamedKey& row : kNamedKeys)
    if (row.key == field.explain && field.length >= 1 && field.length <= 4) return out_registry = row.registry, ValueKind::named;
  if (is_length(field)) return ValueKind::number;
  const bool decimal = !field.value.empty() && std::isdigit(static_cast<unsigned char>(field.value.front())) &&
                       !field.value.starts_with("0x") && field.value.find_first_not_of("0123456789") == field.value.find(' ');
  if (field.length >= 1 && field.length <= 4 && decimal) return ValueKind::number;
  return ValueKind::bytes;
}

std::vector<EditableField> editable_fields(const std::vector<Field>& fields) {
  std::vector<EditableField> out;
  FieldRef ref;
  auto visit = [&](auto& self, const std::vector<Field>& list) -> void {
    for (const Field& field : list) {
      ref.chain.push_back(&field);
      EditableField editable;
      editable.path = path_of(fields, ref);
      if (editable.path.empty()) {  // no path reaches it: not editable by path (raw offsets still are)
        self(self, field.children);
        ref.chain.pop_back();
        continue;
      }
      editable.name = field.name;
      editable.value = field.value;
      editable.offset = field.offset;
      editable.length = field.length;
      editable.kind = value_kind(field, editable.registry);
      editable.removable = removable(ref);
      editable.is_length = is_length(field);
      out.push_back(std::move(editable));
      self(self, field.children);
      ref.chain.pop_back();
    }
  };
  visit(visit, fields);
  return out;
}

std::span<const wire::CodeName> value_choices(const EditableField& field) {
  if (field.kind != ValueKind::named || !field.registry) return {};
  return wire::registry_table(*field.registry);
}

std::string choice_value(const wire::CodeName& choice) {
  const std::string name = choice.name;
  const bool plain = name.find_first_of(" ()/,") == std::string::npos;
  return plain ? name : wire::hex_code(choice.code, choice.code > 0xFF ? 2 : 1);
}

bool apply_edit(std::span<const std::uint8_t> bytes, const std::vector<Field>& fields, const EditSpec& spec,
                AppliedEdit& out_edit, std::string& out_error) {
  if (spec.offset) return raw_edit(bytes, spec, out_edit, out_error);
  FieldRef ref;
  if (!resolve_path(fields, spec.path, ref, out_error)) return false;
  const Field& field = ref.field();
  if (field.offset + field.length > bytes.size()) return out_error = spec.path + " runs past the record's end", false;
  if (spec.value == kRemove) {
    if (!removable(ref))
      return out_error = spec.path + " is not an element of a list or an extension, so it cannot be removed", false;
    if (!splice(bytes, target_of(fields, ref, false), {}, spec.keep_lengths, out_edit, out_error)) return false;
    out_edit.description = spec.path + ": removed (" + std::to_string(field.length) + " bytes: " + field.value + ")" +
                           lengths_note(out_edit, spec.keep_lengths);
    return true;
  }
  Bytes inserted;
  std::string display;
  if (!encode_value(field, spec.value, inserted, display, out_error)) return false;
  const bool content = is_vector(field);
  if (!splice(bytes, target_of(fields, ref, content), inserted, spec.keep_lengths, out_edit, out_error)) return false;
  out_edit.description = spec.path + ": " + (field.value.empty() ? "(empty)" : field.value) + " -> " + display +
                         lengths_note(out_edit, spec.keep_lengths);
  return true;
}

}  // namespace hl::edit
