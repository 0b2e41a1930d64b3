// Every protected record of a run, opened by the lab with the keys of its recomputed
// schedule: which secret and sequence number protect it, the nonce and additional data
// built from them, and each part of the record as a byte range into the step's bytes.
// Decrypting with EVP and comparing with the step's plaintext proves the breakdown.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/crypto/key_schedule.hpp"

namespace hl::crypto {

/// A byte range: offset and length into a buffer named by its owner.
struct ByteRange {
  std::size_t offset = 0;
  std::size_t len = 0;
};

/// How one protected record is protected, and what it opened to.
struct RecordProtection {
  std::size_t step = 0;       // the record's step (from 1)
  std::string secret;         // the schedule value whose key protects it: "server_handshake_traffic_secret", "client_write_key"
  std::uint64_t seq = 0;      // its sequence number under that key (RFC 8446 §5.3, RFC 5246 §6.1)
  Bytes key, iv, mac_key;     // iv: the write IV (TLS 1.3, ChaCha20), the implicit salt (GCM/CCM), empty for CBC
  Bytes nonce;                // AEAD nonce, or the CBC record's explicit IV
  std::string nonce_note;     // how the nonce was formed and where its parts come from
  Bytes aad;                  // AEAD additional data; CBC: the MAC's header input (seq, type, version, length)
  // Parts of the record, as ranges into the step's bytes.
  ByteRange header, explicit_nonce, ciphertext, tag, mac;  // mac: CBC encrypt-then-MAC only
  bool cbc = false;
  bool encrypt_then_mac = false;  // CBC: RFC 7366 negotiated (the MAC covers the ciphertext)
  // What it opened to.
  bool opened = false;        // decrypted and the tag / MAC checked
  Bytes decrypted;            // TLS 1.3: TLSInnerPlaintext; TLS 1.2: the decrypted fragment (CBC: before stripping)
  ByteRange content;          // the content inside `decrypted`
  std::uint8_t content_type = 0;  // TLS 1.3: the real (inner) content type; TLS 1.2: the header's
  ByteRange padding;          // inside `decrypted`: TLS 1.3 zero padding, CBC padding (with its length byte)
  ByteRange inner_mac;        // inside `decrypted`: CBC MAC-then-encrypt
  bool matches_plaintext = false;  // the opened content equals the step's recorded plaintext
  std::string problem;        // why it did not open or does not match; empty when all is well
};

/// Opens every protected record of `schedule`'s connection with its keys. A record whose
/// keys are unavailable or that does not open is still listed, with its problem.
std::vector<RecordProtection> open_records(const Transcript& transcript, const KeySchedule& schedule);

/// The same for every connection, each with its own schedule, in step order.
std::vector<RecordProtection> open_records(const Transcript& transcript, std::span<const KeySchedule> schedules);

}  // namespace hl::crypto
