// The private keys behind a run's key exchange, taken from OpenSSL while the pump drives
// the endpoints: each side's ephemeral key share right after it sent its public half
// (SSL_get_tmp_key), and the server's own key when the run used RSA key exchange.
#pragma once

#include <openssl/ssl.h>

#include "core/model/transcript.hpp"

namespace hl {

struct Endpoint;
struct EndpointPair;

/// True when `sent`, written by `side`, carries that side's own ephemeral public key:
/// the ClientHello's key share, the TLS 1.3 ServerHello's, the TLS 1.2 ServerKeyExchange.
bool carries_own_key_share(Side side, HandshakeType sent);

/// The ephemeral key OpenSSL holds for `ssl` right after it wrote `sent`, as its group and private value;
/// when OpenSSL gives none, the CapturedKey says why.
CapturedKey ephemeral_key_after(SSL* ssl, HandshakeType sent);

/// What both captures of `connection` took, plus the server's RSA key when the negotiated suite uses RSA key exchange.
KeyCapture captured_keys(const EndpointPair& endpoints, int connection = 1);

/// The same for the two endpoints of `connection` (one of them may be Mallory's); `server_key`
/// is the private key of the server endpoint's certificate.
KeyCapture captured_keys(const Endpoint& client, const Endpoint& server, EVP_PKEY* server_key, int connection);

}  // namespace hl
