// libFuzzer target for the LDAP BER decoder (wire/ber.cpp). Besides "no crash, no leak, no
// UB", it checks the decoder's promise: the fields tile every input byte with no gaps, and a
// well-formed prefix never reads past the input (it traps otherwise).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/wire/ber.hpp"

namespace {

// Children tile their parent and the list tiles [begin, end).
bool tiles(const std::vector<hl::Field>& fields, std::size_t begin, std::size_t end) {
  std::size_t at = begin;
  for (const auto& field : fields) {
    if (field.offset != at) return false;
    if (!field.children.empty() && !tiles(field.children, field.offset, field.offset + field.length)) return false;
    at += field.length;
  }
  return at == end;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> bytes(data, size);
  std::vector<hl::Field> fields = hl::wire::decode_ldap_message(bytes);
  if (!tiles(fields, 0, size)) __builtin_trap();
  return 0;
}
