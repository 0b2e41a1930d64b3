// The little BER the LDAP peers need (X.690 definite-length form, as RFC 4511 §5.1 requires):
// building TLVs, and splitting a received message into TLVs to act on it. The teaching
// decoder with byte ranges for every field is hl::wire::decode_ldap_message (wire/ber.hpp).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/model/transcript.hpp"

namespace hl::ber {

// Identifier octets used by LDAP (RFC 4511 appendix B).
inline constexpr std::uint8_t kBoolean = 0x01, kInteger = 0x02, kOctetString = 0x04, kEnumerated = 0x0a,
                              kSequence = 0x30;
inline constexpr std::uint8_t kBindRequest = 0x60, kBindResponse = 0x61, kUnbindRequest = 0x42,
                              kExtendedRequest = 0x77, kExtendedResponse = 0x78;
inline constexpr std::uint8_t kSimpleAuth = 0x80;       // AuthenticationChoice simple [0]
inline constexpr std::uint8_t kRequestName = 0x80;      // ExtendedRequest requestName [0]
inline constexpr std::uint8_t kResponseName = 0x8a;     // ExtendedResponse responseName [10]

/// The StartTLS extended operation's OID (RFC 4511 §4.14.1).
inline constexpr std::string_view kStartTlsOid = "1.3.6.1.4.1.1466.20037";

/// tag, minimal definite length, value.
Bytes tlv(std::uint8_t tag, std::span<const std::uint8_t> value);
/// tag + the text's bytes.
Bytes tlv_text(std::uint8_t tag, std::string_view text);
/// tag + the shortest two's-complement encoding of value (INTEGER, ENUMERATED).
Bytes tlv_int(std::uint8_t tag, std::int64_t value);
/// The concatenation of parts, in order.
Bytes concat(std::initializer_list<Bytes> parts);

/// One element split off a buffer: its tag, its value, and how many bytes it took.
struct Tlv {
  std::uint8_t tag = 0;
  std::span<const std::uint8_t> value;
  std::size_t total_len = 0;
};

/// Splits the first element off bytes. False when it is incomplete or not definite-length BER
/// that LDAP allows (indefinite length, multi-byte tags, lengths over 4 octets).
[[nodiscard]] bool read_tlv(std::span<const std::uint8_t> bytes, Tlv& out_tlv);

/// Reads the value of an INTEGER/ENUMERATED (1..8 octets). False when empty or too long.
[[nodiscard]] bool read_int(std::span<const std::uint8_t> value, std::int64_t& out_value);

}  // namespace hl::ber
