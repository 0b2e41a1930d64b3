// Finding the steps and byte ranges a rule points at: the server's ServerHello and its fields,
// the leaf certificate, the HTTP response. Small bounded readers over the recorded bytes, so a
// rule can name the exact bytes; a malformed or missing message gives nullopt, never a throw.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/audit/audit.hpp"

namespace hl::audit {

/// One extension of a ServerHello: its type and where its body lies in the record.
struct HelloExtension {
  std::uint16_t type = 0;
  std::size_t offset = 0;  // of the body, in the record's bytes
  std::size_t length = 0;
};

/// Where the fields of the server's ServerHello lie in its record (offsets into Step::bytes).
struct ServerHelloSpots {
  std::size_t step_index = 0;           // into the run's steps, from 0
  std::size_t version_offset = 0;       // legacy_version (2 bytes)
  std::uint16_t legacy_version = 0;
  std::size_t suite_offset = 0;         // cipher_suite (2 bytes)
  std::uint16_t suite = 0;
  std::uint16_t version = 0;            // supported_versions' choice when present, else legacy_version
  std::size_t chosen_version_offset = 0;  // where `version` lies
  std::vector<HelloExtension> extensions;
};

/// The first ServerHello the server sent (a HelloRetryRequest is skipped), read from its record.
std::optional<ServerHelloSpots> server_hello(const Transcript& transcript);

/// True when the ServerHello carries an extension of this type.
bool has_extension(const ServerHelloSpots& hello, std::uint16_t type);

/// Evidence over bytes [offset, offset + length) of one step (its plaintext or wire bytes), clamped to them.
Evidence range_evidence(const AuditRun& run, std::size_t step_index, bool in_plaintext, std::size_t offset,
                        std::size_t length, std::string text);

/// Where a byte string sits in what the server sent: the first server record holding it.
struct BytesSpot {
  std::size_t step_index = 0;
  bool in_plaintext = false;
  std::size_t offset = 0;
};

/// The first server record whose bytes (or decrypted plaintext) contain `needle`.
std::optional<BytesSpot> find_server_bytes(const Transcript& transcript, const Bytes& needle);

/// The first HTTP response the server sent: inside TLS (a decrypted record), or in the clear
/// (an app line) when `clear`. text runs from the status line to the end of the unit.
struct HttpResponse {
  std::size_t step_index = 0;
  bool in_plaintext = false;
  std::size_t offset = 0;  // where "HTTP/" starts
  std::string text;
};
std::optional<HttpResponse> http_response(const Transcript& transcript, bool clear);

/// Where one handshake message or alert the server sent lies: its record, and the message's
/// bytes in it (a protected record's plaintext, else the wire bytes).
struct MessageSpot {
  std::size_t step_index = 0;
  bool in_plaintext = false;
  std::size_t offset = 0;
  std::size_t length = 0;
  std::uint8_t alert = 0;  // server_alert(): the alert's description code
};

/// The first handshake message of this type the server sent (connection 1); nullopt when none.
std::optional<MessageSpot> server_message(const Transcript& transcript, HandshakeType type);

/// The first alert the server sent (connection 1), with its description; nullopt when none.
std::optional<MessageSpot> server_alert(const Transcript& transcript);

/// The first verify step of the client that failed, with its result; nullopt when every check passed.
struct FailedCheck {
  std::size_t step_index = 0;
  VerifyResult verify;
};
std::optional<FailedCheck> failed_check(const Transcript& transcript);

}  // namespace hl::audit
