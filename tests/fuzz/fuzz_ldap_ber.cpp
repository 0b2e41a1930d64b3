// libFuzzer target for the LDAP BER decoder (wire/ber.cpp). Besides "no crash, no leak, no
// UB", it checks the decoder's promise: the fields tile every input byte with no gaps, and a
// well-formed prefix never reads past the input (it traps otherwise).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/wire/ber.hpp"
#include "tiling.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> bytes(data, size);
  std::vector<hl::Field> fields = hl::wire::decode_ldap_message(bytes);
  hl::fuzz::require_tiles(fields, 0, size);
  return 0;
}
