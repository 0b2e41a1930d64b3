// A bounded, non-owning byte cursor in the style of BoringSSL's CBS: every read is
// checked, a sub-cursor can never reach past its parent, and every position is also
// known as an absolute offset into the buffer the decoding started from.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace hl::wire {

/// A checked reader over a byte span; it never reads past its end (or its parent's).
class Cursor {
 public:
  /// An empty cursor at offset 0.
  Cursor() = default;
  /// A cursor over bytes whose first byte sits at absolute offset `base`.
  explicit Cursor(std::span<const std::uint8_t> bytes, std::size_t base = 0) : bytes_(bytes), base_(base) {}

  /// Absolute offset of the next unread byte.
  std::size_t offset() const { return base_ + pos_; }
  /// Bytes not yet read.
  std::size_t remaining() const { return bytes_.size() - pos_; }
  /// True when every byte has been read.
  bool empty() const { return remaining() == 0; }
  /// The unread bytes (without consuming them).
  std::span<const std::uint8_t> rest() const { return bytes_.subspan(pos_); }

  /// Reads one big-endian unsigned integer of `num_bytes` (1..4); false, nothing consumed, if too short.
  [[nodiscard]] bool uint(std::size_t num_bytes, std::uint32_t& out_value) {
    if (num_bytes == 0 || num_bytes > 4 || remaining() < num_bytes) return false;
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < num_bytes; ++i) value = (value << 8) | bytes_[pos_ + i];
    pos_ += num_bytes;
    out_value = value;
    return true;
  }
  /// Fixed-width big-endian reads (uint8 .. uint32 of the RFC structs); false, nothing consumed, if too short.
  [[nodiscard]] bool u8(std::uint8_t& out_value) { return narrow(1, out_value); }
  [[nodiscard]] bool u16(std::uint16_t& out_value) { return narrow(2, out_value); }
  [[nodiscard]] bool u24(std::uint32_t& out_value) { return uint(3, out_value); }
  [[nodiscard]] bool u32(std::uint32_t& out_value) { return uint(4, out_value); }

  /// Takes the next `len` bytes as a span; false, nothing consumed, if fewer remain.
  [[nodiscard]] bool bytes(std::size_t len, std::span<const std::uint8_t>& out_bytes) {
    if (remaining() < len) return false;
    out_bytes = bytes_.subspan(pos_, len);
    pos_ += len;
    return true;
  }
  /// Takes the next `len` bytes as a sub-cursor that keeps absolute offsets.
  [[nodiscard]] bool sub(std::size_t len, Cursor& out_sub) {
    std::size_t start = offset();
    std::span<const std::uint8_t> taken;
    if (!bytes(len, taken)) return false;
    out_sub = Cursor(taken, start);
    return true;
  }
  /// Reads a `prefix_len`-byte length, then that many bytes as a sub-cursor; nothing consumed on failure.
  [[nodiscard]] bool prefixed(std::size_t prefix_len, Cursor& out_sub) {
    Cursor probe = *this;
    std::uint32_t len = 0;
    if (!probe.uint(prefix_len, len) || !probe.sub(len, out_sub)) return false;
    *this = probe;
    return true;
  }
  /// Skips `len` bytes; false, nothing consumed, if fewer remain.
  [[nodiscard]] bool skip(std::size_t len) {
    if (remaining() < len) return false;
    pos_ += len;
    return true;
  }
  /// Consumes everything left, returning it.
  std::span<const std::uint8_t> take_rest() {
    auto left = rest();
    pos_ = bytes_.size();
    return left;
  }

 private:
  template <typename T>
  bool narrow(std::size_t num_bytes, T& out_value) {
    std::uint32_t wide = 0;
    if (!uint(num_bytes, wide)) return false;
    out_value = static_cast<T>(wide);
    return true;
  }

  std::span<const std::uint8_t> bytes_;
  std::size_t base_ = 0;
  std::size_t pos_ = 0;
};

}  // namespace hl::wire
