// One "what if?" edit as a person writes it: `STEP:PATH=VALUE` or `STEP:OFFSET=HEX`
// (trace --edit, --client-edit; the window builds the same struct).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hl::edit {

/// One edit of one record step. Either `path` (a field of the step's tree, field_path.hpp)
/// or `offset` (raw bytes) names what changes.
struct EditSpec {
  std::size_t step = 0;               // the step's number, from 1, as the trace numbers it
  std::string path;                   // "cipher_suites[0]", "extensions.key_share"; empty with `offset`
  std::optional<std::size_t> offset;  // raw edit: the first byte replaced, into the step's bytes
  std::string value;                  // as typed: a name, a number, remove, hex:.., text:.., or hex digits
  bool keep_lengths = false;          // leave the lengths inside the record that enclose the field as they were
                                      // (malformed input); the record header's length still frames the record
};

/// The longest VALUE accepted: twice the bytes of the largest record (2^14 + 2048 + header), as hex.
inline constexpr std::size_t kMaxEditValueLen = 2 * (16384 + 2048 + 5) + 4;

/// Parses `STEP:PATH=VALUE` or `STEP:OFFSET=HEX`. False, with one sentence naming what is wrong
/// and the expected form, on a missing part, a step or offset that is not a number, a path that
/// is not `name[.name][index]...`, or a value longer than kMaxEditValueLen.
[[nodiscard]] bool parse_edit_spec(std::string_view text, EditSpec& out_spec, std::string& out_error);

/// The spec written back as parse_edit_spec() reads it.
std::string edit_spec_text(const EditSpec& spec);

}  // namespace hl::edit
