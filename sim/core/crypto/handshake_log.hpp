// The handshake messages of a run in the order they were sent, each whole (reassembled
// across records) and tied to the step that completed it: the input of every transcript
// hash (RFC 8446 §4.4.1, RFC 5246 §7.4.9).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/model/handshake_type.hpp"
#include "core/model/transcript.hpp"
#include "core/wire/cursor.hpp"

namespace hl::crypto {

/// One handshake message: header (type, 3-byte length) and body.
struct HandshakeMessage {
  std::uint8_t type = 0;
  Bytes bytes;              // the whole message, 4-byte header included
  Side from = Side::client;
  std::size_t step = 0;     // the step (from 1) whose record completed it
  bool hello_retry = false; // a ServerHello carrying the HelloRetryRequest random
  int connection = 1;       // the connection of the step that completed it
};

/// Handshake message types used by the schedules, as they appear on the wire: the values come
/// from the one HandshakeType table (core/model/handshake_type.hpp), never typed again here.
constexpr std::uint8_t wire_type(HandshakeType type) { return static_cast<std::uint8_t>(type); }
inline constexpr std::uint8_t kClientHello = wire_type(HandshakeType::client_hello);
inline constexpr std::uint8_t kServerHello = wire_type(HandshakeType::server_hello);
inline constexpr std::uint8_t kNewSessionTicket = wire_type(HandshakeType::new_session_ticket);
inline constexpr std::uint8_t kCertificateVerify = wire_type(HandshakeType::certificate_verify);
inline constexpr std::uint8_t kClientKeyExchange = wire_type(HandshakeType::client_key_exchange);
inline constexpr std::uint8_t kFinished = wire_type(HandshakeType::finished);
inline constexpr std::uint8_t kKeyUpdate = wire_type(HandshakeType::key_update);
inline constexpr std::uint8_t kMessageHash = wire_type(HandshakeType::message_hash);

/// The handshake content a record step carries: the wire payload for a plaintext record, the
/// decrypted content for a protected one (TLS 1.3: without the inner type and padding).
/// Empty for a record that carries no handshake content.
Bytes handshake_content(const Step& step);

/// Every complete handshake message of the run, in order; a message cut off by the end of
/// the run is left out. Each connection is reassembled on its own.
std::vector<HandshakeMessage> handshake_messages(const Transcript& transcript);

/// The same, of one connection only (a resumed run's connection 2 has its own transcript hash).
std::vector<HandshakeMessage> handshake_messages(const Transcript& transcript, int connection);

/// Index of the first message from `from` of `type` at or after `start` (HRRs skipped), if any.
std::optional<std::size_t> find_message(const std::vector<HandshakeMessage>& messages, std::uint8_t type, Side from,
                                        std::size_t start = 0);

/// The extension of `type` in a ClientHello / ServerHello body's extension block, if present.
std::optional<Bytes> hello_extension(const HandshakeMessage& hello, std::uint16_t type);

/// The same extension's data as a cursor over `hello.bytes` (offsets from the message's first
/// byte); `hello` must outlive it. nullopt when absent or the hello cannot be read up to it.
std::optional<wire::Cursor> hello_extension_cursor(const HandshakeMessage& hello, std::uint16_t type);

/// The data of extension `type` in an extensions block (a 2-byte length, then the extensions:
/// a hello's tail, an EncryptedExtensions body) read from `block`'s front; nullopt when absent or malformed.
std::optional<wire::Cursor> extension_in_block(wire::Cursor block, std::uint16_t type);

/// The 32-byte random of a ClientHello or ServerHello (empty when the message is too short).
Bytes hello_random(const HandshakeMessage& hello);

/// The version a ServerHello chose: its supported_versions extension, else legacy_version (0 when too short).
std::uint16_t server_hello_version(const HandshakeMessage& server_hello);

/// The cipher suite a ServerHello chose (0 when it is too short).
std::uint16_t server_hello_suite(const HandshakeMessage& server_hello);

}  // namespace hl::crypto
