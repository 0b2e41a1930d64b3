// BER building and splitting for the LDAP peers (see ber_codec.hpp).
#include "core/protocols/ber_codec.hpp"

namespace hl::ber {

Bytes tlv(std::uint8_t tag, std::span<const std::uint8_t> value) {
  Bytes out{tag};
  std::size_t len = value.size();
  if (len < 0x80) {
    out.push_back(static_cast<std::uint8_t>(len));
  } else {
    // Long form: 0x80 | number of length octets, then the length big-endian, no leading zeros.
    Bytes digits;
    for (std::size_t rest = len; rest > 0; rest >>= 8) digits.insert(digits.begin(), static_cast<std::uint8_t>(rest));
    out.push_back(static_cast<std::uint8_t>(0x80 | digits.size()));
    out.insert(out.end(), digits.begin(), digits.end());
  }
  out.insert(out.end(), value.begin(), value.end());
  return out;
}

Bytes tlv_text(std::uint8_t tag, std::string_view text) {
  return tlv(tag, {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()});
}

Bytes tlv_int(std::uint8_t tag, std::int64_t value) {
  Bytes digits;
  for (int shift = 56; shift >= 0; shift -= 8) digits.push_back(static_cast<std::uint8_t>(value >> shift));
  // Drop leading octets that only repeat the sign (X.690 §8.3.2: the shortest form).
  std::size_t start = 0;
  while (start + 1 < digits.size()) {
    bool redundant = (digits[start] == 0x00 && !(digits[start + 1] & 0x80)) ||
                     (digits[start] == 0xff && (digits[start + 1] & 0x80));
    if (!redundant) break;
    ++start;
  }
  return tlv(tag, std::span<const std::uint8_t>(digits).subspan(start));
}

Bytes concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

bool read_tlv(std::span<const std::uint8_t> bytes, Tlv& out_tlv) {
  if (bytes.size() < 2) return false;
  std::uint8_t tag = bytes[0];
  if ((tag & 0x1f) == 0x1f) return false;  // multi-byte tag numbers: LDAP never uses them
  std::size_t pos = 2;
  std::size_t len = bytes[1];
  if (len == 0x80) return false;  // indefinite length: RFC 4511 §5.1 forbids it
  if (len > 0x80) {
    std::size_t num_octets = len & 0x7f;
    if (num_octets > 4 || bytes.size() < 2 + num_octets) return false;
    len = 0;
    for (std::size_t i = 0; i < num_octets; ++i) len = (len << 8) | bytes[pos++];
  }
  if (bytes.size() - pos < len) return false;
  out_tlv = {tag, bytes.subspan(pos, len), pos + len};
  return true;
}

bool read_int(std::span<const std::uint8_t> value, std::int64_t& out_value) {
  if (value.empty() || value.size() > 8) return false;
  std::int64_t result = (value[0] & 0x80) ? -1 : 0;
  for (std::uint8_t octet : value) result = static_cast<std::int64_t>((static_cast<std::uint64_t>(result) << 8) | octet);
  out_value = result;
  return true;
}

}  // namespace hl::ber
