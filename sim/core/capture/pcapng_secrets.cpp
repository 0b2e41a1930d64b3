// A bounded pcapng block walker: Section Header Blocks fix the byte order of their section;
// Decryption Secrets Blocks of type TLS key log give their lines; every other block is
// skipped by its length.
#include "core/capture/pcapng_secrets.hpp"

#include "core/wire/cursor.hpp"

namespace hl::capture {
namespace {

constexpr std::uint32_t kSectionHeader = 0x0A0D0D0A;
constexpr std::uint32_t kDecryptionSecrets = 0x0000000A;
constexpr std::uint32_t kSecretsTlsKeyLog = 0x544c534b;  // "TLSK"
constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;
constexpr std::size_t kBlockFramingLen = 12;            // type, total length, ..., total length

// Reads the section's 32-bit integers in its own byte order (the cursor reads big-endian).
struct SectionOrder {
  bool little = true;
  [[nodiscard]] bool u32(wire::Cursor& in, std::uint32_t& out_value) const {
    if (!in.u32(out_value)) return false;
    if (little) out_value = __builtin_bswap32(out_value);
    return true;
  }
};

std::string at(const wire::Cursor& in, const char* what) {
  return std::string(what) + " at byte " + std::to_string(in.offset());
}

// struct { uint32 secrets_type; uint32 secrets_length; opaque secrets[secrets_length]; pad to 32 bits; options }
void take_key_log(wire::Cursor body, const SectionOrder& order, PcapngSecrets& out) {
  std::uint32_t type = 0, len = 0;
  wire::Cursor data;
  if (!order.u32(body, type) || !order.u32(body, len) || !body.sub(len, data)) {
    out.problem = at(body, "a Decryption Secrets Block whose secrets are longer than the block");
    return;
  }
  if (type != kSecretsTlsKeyLog) return;
  std::string line;
  for (std::uint8_t byte : data.rest()) {
    if (byte != '\n' && byte != '\r') {
      line.push_back(static_cast<char>(byte));
      continue;
    }
    if (!line.empty()) out.keylog.push_back(std::move(line));
    line.clear();
  }
  if (!line.empty()) out.keylog.push_back(std::move(line));
}

// struct { uint32 byte_order_magic; uint16 major; uint16 minor; int64 section_length; options }
bool section_order(wire::Cursor body, SectionOrder& out_order) {
  std::uint32_t magic = 0;
  if (!body.u32(magic)) return false;
  if (magic != kByteOrderMagic && magic != __builtin_bswap32(kByteOrderMagic)) return false;
  out_order.little = magic != kByteOrderMagic;
  return true;
}

// The block type as this section writes it; an SHB's type reads the same in both orders and
// sets the order for itself and what follows from its byte-order magic.
bool block_type(wire::Cursor block, SectionOrder& order, std::uint32_t& out_type) {
  std::uint32_t raw = 0;
  if (!block.u32(raw)) return false;
  if (raw == kSectionHeader) {
    out_type = raw;
    return block.skip(4) && section_order(block, order);
  }
  out_type = order.little ? __builtin_bswap32(raw) : raw;
  return true;
}

}  // namespace

PcapngSecrets read_pcapng_secrets(std::span<const std::uint8_t> file) {
  PcapngSecrets out;
  wire::Cursor in(file);
  SectionOrder order;
  std::uint32_t first_type = 0;
  wire::Cursor probe = in;
  if (!probe.u32(first_type) || first_type != kSectionHeader) return out;  // not pcapng: classic pcap has no secrets
  while (!in.empty()) {
    // struct { uint32 block_type; uint32 block_total_length; body; uint32 block_total_length }
    const wire::Cursor block = in;
    std::uint32_t type = 0, total = 0;
    wire::Cursor header = in;
    if (!block_type(block, order, type) || !header.skip(4) || !order.u32(header, total)) {
      out.problem = at(block, "a block cut off in its header, or a Section Header Block without its byte-order magic");
      return out;
    }
    wire::Cursor whole;
    if (total < kBlockFramingLen || total % 4 != 0) {
      out.problem = at(block, "a block with an impossible length");
      return out;
    }
    if (!in.sub(total, whole)) {
      out.problem = at(block, "a block longer than the rest of the file");
      return out;
    }
    wire::Cursor body;
    std::uint32_t trailer = 0;
    if (!whole.skip(8) || !whole.sub(total - kBlockFramingLen, body) || !order.u32(whole, trailer) || trailer != total) {
      out.problem = at(block, "a block whose trailing length does not match its header");
      return out;
    }
    if (type == kDecryptionSecrets) take_key_log(body, order, out);
    if (!out.problem.empty()) return out;
  }
  return out;
}

}  // namespace hl::capture
