// The parts of one protected record, as the record pane lists them (issue 9 §3): which
// secret and sequence number, key, IV, nonce, additional data, ciphertext, tag, and inside
// the encryption the real content type and padding (TLS 1.3) or the CBC MAC and padding.
// Each part with bytes on the wire or in the decrypted record names that range, so selecting
// it lights the bytes. Pure logic, no ImGui.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/session.hpp"
#include "core/crypto/record_protection.hpp"

namespace hl::app {

/// One part of a protected record.
struct ProtectionPart {
  std::string name;         // "tag"
  std::string value;        // what the row shows: short hex, or words ("server_handshake_traffic_secret, seq 3")
  Bytes bytes;              // the whole value, for Copy; empty when it is words
  std::optional<ByteHighlight> range;  // where it sits in the step's wire bytes or decrypted bytes
  std::string explanation;  // one plain sentence
};

/// The parts of `record` (opened by the lab) in the order a reader meets them. `step` is the
/// record's step, whose bytes and plaintext the ranges point into.
std::vector<ProtectionPart> protection_parts(const crypto::RecordProtection& record, const Step& step,
                                             std::uint16_t version);

}  // namespace hl::app
