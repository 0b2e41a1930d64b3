// The decoder's front door: bytes in, field trees out. Never throws on hostile bytes.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/model/field.hpp"
#include "core/model/transcript.hpp"

namespace hl::wire {

/// The decoded view of one transcript step.
struct DecodedStep {
  std::vector<Field> fields;        // over Step::bytes (records: header + payload; app lines: the line)
  std::vector<Field> inner_fields;  // over Step::plaintext, for protected records
};

/// Decodes every step in order, carrying what earlier records tell (the negotiated
/// version, the key exchange) into later ones. One entry per step; events get none.
std::vector<DecodedStep> decode_transcript(const Transcript& transcript);

/// One handshake message whole, as the reassembler saw it across the records that carried it.
struct HandshakeMessage {
  Side from = Side::client;
  Bytes bytes;  // msg_type, length and body
  Field tree;   // the decoder's tree of the whole message; offsets index bytes
};

/// Every handshake message of a transcript (plaintext and decrypted records alike), each
/// decoded once by decode_transcript's reassembler, in the order they completed.
std::vector<HandshakeMessage> handshake_messages(const Transcript& transcript);

/// Decodes consecutive TLS records; offsets index bytes. Never throws.
std::vector<Field> decode_records(std::span<const std::uint8_t> bytes);

/// The plain-language explanation of a field, for tooltips and the detail line.
std::string explain(const Field& field);

}  // namespace hl::wire
