// Generic BER message decoding: the DER/BER TLV tree, with malformed tails marked.
#include "core/wire/ber.hpp"

#include "core/wire/decoders.hpp"

namespace hl::wire {

std::vector<Field> decode_ber_message(std::span<const std::uint8_t> bytes) {
  std::vector<Field> out;
  Cursor c(bytes);
  while (!c.empty()) decode_der(c, out);
  return out;
}

}  // namespace hl::wire
