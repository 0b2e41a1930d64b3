// TLS record-layer constants (RFC 8446 §5.1, RFC 5246 §6.2.1) and protocol version numbers,
// shared by every module that cuts or classifies records, so no module keeps its own copy.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hl::record {

/// type (1) + legacy_record_version (2) + length (2).
inline constexpr std::size_t kHeaderLen = 5;

/// Length of the whole record at the front of `bytes` (header included), 0 while it is incomplete.
inline std::size_t whole_record_len(const std::uint8_t* bytes, std::size_t bytes_len) {
  if (bytes_len < kHeaderLen) return 0;
  const std::size_t record_len = kHeaderLen + (std::size_t{bytes[3]} << 8 | bytes[4]);
  return bytes_len >= record_len ? record_len : 0;
}

/// ContentType values.
inline constexpr std::uint8_t kChangeCipherSpec = 20;
inline constexpr std::uint8_t kAlert = 21;
inline constexpr std::uint8_t kHandshake = 22;
inline constexpr std::uint8_t kApplicationData = 23;

/// ProtocolVersion values (RFC 8446 §4.2.1, RFC 5246 appendix E): the record layer's
/// legacy_record_version, the hellos' legacy_version and supported_versions all use them.
inline constexpr std::uint16_t kTls10 = 0x0301;
inline constexpr std::uint16_t kTls11 = 0x0302;
inline constexpr std::uint16_t kTls12 = 0x0303;
inline constexpr std::uint16_t kTls13 = 0x0304;

}  // namespace hl::record
