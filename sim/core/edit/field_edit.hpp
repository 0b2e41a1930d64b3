// Editing one field of a record's bytes: what each field may become (a number, a name from
// an IANA table, bytes, text, or removed), and the edit itself with the lengths that
// enclose the field fixed up (or left wrong on purpose).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/edit/edit_spec.hpp"
#include "core/edit/field_path.hpp"
#include "core/model/field.hpp"
#include "core/model/transcript.hpp"
#include "core/wire/registry.hpp"

namespace hl::edit {

/// How a field's new value is written.
enum class ValueKind : std::uint8_t {
  number,  // a big-endian integer of the field's width: decimal or 0x.. (lengths, counters)
  named,   // a code from an IANA table (registry), by name or number
  text,    // printable text (a host name, an ALPN protocol): its bytes
  bytes,   // raw bytes as hex; a vector's value is its content (its length follows)
};

/// One field of a record a person can edit, as the window's field tree offers it.
struct EditableField {
  std::string path;                       // for EditSpec::path: "cipher_suites[0]"
  std::string name;                       // the field's name in the tree
  std::string value;                      // its display value now
  std::size_t offset = 0;                 // its bytes in the step's bytes
  std::size_t length = 0;
  ValueKind kind = ValueKind::bytes;
  std::optional<wire::Registry> registry;  // kind == named: the table to pick from (value_choices())
  bool removable = false;                 // an element of a list, or an extension: "remove" takes it out
  bool is_length = false;                 // a length the fix-up would otherwise rewrite
};

/// Every field of a step's top-level tree (decode_transcript()'s DecodedStep::fields, or
/// decode_records()), in tree order, each with its canonical path. Malformed fields are listed
/// too (edit them as bytes); a field no path reaches is left out (raw offsets still reach it).
std::vector<EditableField> editable_fields(const std::vector<Field>& fields);

/// The values a named field offers: its registry's rows (IANA name and code). Empty for other kinds.
std::span<const wire::CodeName> value_choices(const EditableField& field);

/// The value a choice writes, as EditSpec::value takes it ("TLS_AES_128_GCM_SHA256").
std::string choice_value(const wire::CodeName& choice);

/// What an edit did to a record.
struct AppliedEdit {
  Bytes bytes;                              // the whole record after the edit
  std::size_t offset = 0;                   // where the replaced bytes start (same in both)
  std::size_t removed_len = 0;              // how many bytes of the original were replaced
  std::size_t inserted_len = 0;             // how many bytes stand there now
  std::vector<std::size_t> fixed_lengths;   // offsets of the length fields rewritten to match
  std::string description;                  // "cipher_suites[0]: TLS_AES_256_GCM_SHA384 (0x1302) -> ..."
};

/// Applies one edit to a record's `bytes`, whose tree is `fields`. Lengths that enclose a
/// change of size (vector, extension, handshake message, record) are rewritten; with
/// spec.keep_lengths only the record header's is. False, with one sentence, when the path names nothing (it lists what
/// exists), the value does not fit the field, a length would overflow its field, or a raw
/// edit runs past the end; `bytes` is then untouched.
[[nodiscard]] bool apply_edit(std::span<const std::uint8_t> bytes, const std::vector<Field>& fields, const EditSpec& spec,
                              AppliedEdit& out_edit, std::string& out_error);

/// The kind of value a field takes (from its explanation key, its width and its children).
ValueKind value_kind(const Field& field, std::optional<wire::Registry>& out_registry);

}  // namespace hl::edit
