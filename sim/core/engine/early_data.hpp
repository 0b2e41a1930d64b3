// 0-RTT (RFC 8446 §2.3, §4.2.10) on one endpoint: the client writes its first request as early
// data right behind its ClientHello; the server reads it with SSL_read_early_data before its
// handshake goes on. The pump and Mallory's replay (attacker_replay.cpp) both drive it.
#pragma once

#include <string>

#include "core/engine/endpoint.hpp"

namespace hl {

/// Where a server stands with its early data after read_early_data().
enum class EarlyRead : std::uint8_t {
  waiting,   // it needs more records (or has written its flight and waits)
  finished,  // SSL_read_early_data said FINISH: every accepted byte read, or the data declined
  failed,    // OpenSSL stopped the handshake: out_error says why
};

/// Client: takes its peer's output and writes each unit with SSL_write_early_data (which sends
/// the ClientHello first), keeping them in side.early_units. False, with out_error, when OpenSSL refuses.
[[nodiscard]] bool write_early_data(Endpoint& side, std::string& out_error);

/// Server: calls SSL_read_early_data until it waits or finishes; every piece read goes to
/// side.peer, and the capture gets a note on what the server did with the data.
EarlyRead read_early_data(Endpoint& side, Bytes& buffer, std::string& out_error);

/// "accepted", "rejected" or "none" (the client sent none): SSL_get_early_data_status() as JSON says it.
const char* early_data_status(const SSL* ssl);

}  // namespace hl
