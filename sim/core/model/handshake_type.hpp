// What a step carries, as types rather than titles: handshake message types (IANA TLS
// HandshakeType), the secret that protects a record, the kind of an endpoint event.
// Names and titles for these live in one table each (core/wire/names.hpp); this header
// only fixes the values, so every module can hold them without depending on the decoder.
#pragma once

#include <cstdint>

namespace hl {

/// IANA TLS HandshakeType values (RFC 8446 §4, RFC 5246 §7.4). A ServerHello that carries
/// the HelloRetryRequest random is hello_retry_request (6, the value IANA reserves for it),
/// so a step's identity never depends on reading its bytes again. Unlisted values are legal.
enum class HandshakeType : std::uint8_t {
  hello_request = 0,
  client_hello = 1,
  server_hello = 2,
  new_session_ticket = 4,
  end_of_early_data = 5,
  hello_retry_request = 6,
  encrypted_extensions = 8,
  certificate = 11,
  server_key_exchange = 12,
  certificate_request = 13,
  server_hello_done = 14,
  certificate_verify = 15,
  client_key_exchange = 16,
  finished = 20,
  certificate_status = 22,
  key_update = 24,
  message_hash = 254,
};

/// The secret whose keys protect a record (RFC 8446 §7.1, RFC 5246 §6.3).
enum class TrafficSecret : std::uint8_t {
  none,                // not protected
  client_early,        // client_early_traffic_secret (0-RTT)
  client_handshake,    // client_handshake_traffic_secret
  server_handshake,    // server_handshake_traffic_secret
  client_application,  // client_application_traffic_secret_N
  server_application,  // server_application_traffic_secret_N
  tls12_client_write,  // TLS 1.2 client write key, from the master secret
  tls12_server_write,  // TLS 1.2 server write key, from the master secret
};

/// The RFC name of a traffic secret ("client_handshake_traffic_secret"; "" for none).
inline const char* traffic_secret_name(TrafficSecret secret) {
  static const char* const names[] = {"",
                                      "client_early_traffic_secret",
                                      "client_handshake_traffic_secret",
                                      "server_handshake_traffic_secret",
                                      "client_application_traffic_secret",
                                      "server_application_traffic_secret",
                                      "client_write_key",
                                      "server_write_key"};
  return names[static_cast<int>(secret)];
}

}  // namespace hl
