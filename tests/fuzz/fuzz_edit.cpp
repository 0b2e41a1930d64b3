// libFuzzer target for the what-if edits (core/edit/). The input is split:
//   byte 0: which field of the tree to edit (an index, wrapped), byte 1: the value's kind and
//   keep_lengths, then the record's bytes.
// Every field of the decoded tree must have a path that resolves back to it; the edit either
// fails with a reason or gives bytes that decode again; the spec parser reads the input as
// text too. Besides "no crash, no leak, no UB" it traps on a path that does not lead back.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "core/edit/edit_spec.hpp"
#include "core/edit/field_edit.hpp"
#include "core/edit/field_path.hpp"
#include "core/wire/decode.hpp"

namespace {

std::string value_for(std::uint8_t kind, std::span<const std::uint8_t> rest) {
  static const char* const fixed[] = {"remove", "", "0xffffffff", "65535", "0", "TLS_AES_128_GCM_SHA256", "x25519,secp256r1",
                                      "text:www.example.org"};
  if ((kind & 7) < 7) return fixed[kind & 7];
  std::string hex = "hex:";
  for (std::size_t i = 0; i < rest.size() && i < 64; ++i) hex += "0123456789abcdef"[rest[i] >> 4], hex += "0123456789abcdef"[rest[i] & 15];
  return hex;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::span<const std::uint8_t> input(data, size);
  hl::edit::EditSpec parsed;
  std::string error;
  (void)hl::edit::parse_edit_spec(std::string(input.begin(), input.end()), parsed, error);
  if (size < 3) return 0;
  const std::span<const std::uint8_t> record = input.subspan(2);
  const std::vector<hl::Field> fields = hl::wire::decode_records(record);
  const std::vector<hl::edit::EditableField> editable = hl::edit::editable_fields(fields);
  for (const auto& field : editable) {
    hl::edit::FieldRef ref;
    if (!hl::edit::resolve_path(fields, field.path, ref, error) || ref.field().offset != field.offset) __builtin_trap();
  }
  if (editable.empty()) return 0;
  hl::edit::EditSpec spec;
  spec.step = 1;
  spec.path = editable[data[0] % editable.size()].path;
  spec.value = value_for(data[1], record);
  spec.keep_lengths = (data[1] & 0x80) != 0;
  hl::edit::AppliedEdit applied;
  if (hl::edit::apply_edit(record, fields, spec, applied, error)) (void)hl::wire::decode_records(applied.bytes);
  return 0;
}
