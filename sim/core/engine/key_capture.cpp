#include "core/engine/key_capture.hpp"

#include <openssl/x509.h>

#include "core/crypto/key_agreement.hpp"
#include "core/crypto/pkey.hpp"
#include "core/engine/endpoint.hpp"
#include "core/engine/names.hpp"

namespace hl {
namespace {

Bytes pkcs8_der(EVP_PKEY* key) {
  PKCS8_PRIV_KEY_INFO* info = EVP_PKEY2PKCS8(key);
  if (info == nullptr) return {};
  unsigned char* der = nullptr;
  const int der_len = i2d_PKCS8_PRIV_KEY_INFO(info, &der);
  PKCS8_PRIV_KEY_INFO_free(info);
  if (der_len <= 0) return {};
  Bytes out(der, der + der_len);
  OPENSSL_free(der);
  return out;
}

bool uses_rsa_key_exchange(SSL* server) {
  const SSL_CIPHER* cipher = SSL_get_current_cipher(server);
  return cipher != nullptr && SSL_CIPHER_get_kx_nid(cipher) == NID_kx_rsa;
}

}  // namespace

bool carries_own_key_share(Side side, HandshakeType sent) {
  if (side == Side::client) return sent == HandshakeType::client_hello;
  return sent == HandshakeType::server_hello || sent == HandshakeType::server_key_exchange;
}

CapturedKey ephemeral_key_after(SSL* ssl, HandshakeType sent) {
  CapturedKey out;
  out.sent_in = sent;
  EVP_PKEY* key = nullptr;
  if (SSL_get_tmp_key(ssl, &key) != 1 || key == nullptr) {
    out.unavailable = "SSL_get_tmp_key gave no key right after the " + names::handshake_type(static_cast<std::uint8_t>(sent)) +
                      " was written (no key share in it)";
    ERR_clear_error();
    return out;
  }
  // The plain form, not PKCS #8: OpenSSL 3.0's encoder costs about 100 µs a key on every run.
  out.group = crypto::group_name(key);
  out.private_value = crypto::private_value(key);
  EVP_PKEY_free(key);
  ERR_clear_error();
  if (out.group.empty() || out.private_value.empty()) {
    out.unavailable = "OpenSSL would not give the ephemeral key's group and private value";
    out.private_value.clear();
  }
  return out;
}

KeyCapture captured_keys(const Endpoint& client, const Endpoint& server, EVP_PKEY* server_key, int connection) {
  KeyCapture out;
  out.connection = connection;
  out.client = client.capture.ephemeral_key();
  out.server = server.capture.ephemeral_key();
  if (server.ssl && server_key != nullptr && uses_rsa_key_exchange(server.ssl.get())) out.server_rsa_der = pkcs8_der(server_key);
  ERR_clear_error();
  return out;
}

KeyCapture captured_keys(const EndpointPair& endpoints, int connection) {
  return captured_keys(endpoints.client, endpoints.server, endpoints.contexts->leaf_key.get(), connection);
}

}  // namespace hl
