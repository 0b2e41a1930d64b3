// TLS record-layer constants (RFC 8446 §5.1, RFC 5246 §6.2.1), shared by every module that
// cuts or classifies records, so no module keeps its own copy.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hl::record {

/// type (1) + legacy_record_version (2) + length (2).
inline constexpr std::size_t kHeaderLen = 5;

/// ContentType values.
inline constexpr std::uint8_t kChangeCipherSpec = 20;
inline constexpr std::uint8_t kAlert = 21;
inline constexpr std::uint8_t kHandshake = 22;
inline constexpr std::uint8_t kApplicationData = 23;

}  // namespace hl::record
