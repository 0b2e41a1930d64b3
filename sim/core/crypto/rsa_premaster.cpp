#include "core/crypto/rsa_premaster.hpp"

#include <openssl/err.h>
#include <openssl/rsa.h>

#include "core/crypto/handshake_log.hpp"
#include "core/crypto/pkey.hpp"
#include "core/wire/cursor.hpp"

namespace hl::crypto {

// struct { msg_type(1) length(3); EncryptedPreMasterSecret opaque<0..2^16-1>; } ClientKeyExchange (RSA).
bool read_encrypted_premaster(ByteView client_key_exchange, Bytes& out_encrypted, std::string& out_error) {
  wire::Cursor message(client_key_exchange), body, encrypted;
  std::uint8_t type = 0;
  if (!message.u8(type) || type != kClientKeyExchange) return refused(out_error, "this is not a ClientKeyExchange message");
  if (!message.prefixed(3, body) || !message.empty())
    return refused(out_error, "the ClientKeyExchange's length does not match its bytes");
  if (!body.prefixed(2, encrypted)) return refused(out_error, "the encrypted premaster is cut short");
  if (!body.empty()) return refused(out_error, "bytes follow the encrypted premaster in the ClientKeyExchange");
  out_encrypted.assign(encrypted.rest().begin(), encrypted.rest().end());
  return true;
}

bool decrypt_rsa_premaster(EVP_PKEY* server_key, ByteView encrypted, Bytes& out_premaster, std::string& out_error) {
  if (server_key == nullptr || !EVP_PKEY_is_a(server_key, "RSA"))
    return refused(out_error, "the server's key is not an RSA key, so it cannot decrypt an RSA key exchange");
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, server_key, nullptr));
  if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) <= 0 || EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_PADDING) <= 0)
    return refused(out_error, "OpenSSL cannot set up RSA decryption with the server's key");
  std::size_t plain_len = 0;
  if (EVP_PKEY_decrypt(ctx.get(), nullptr, &plain_len, encrypted.data(), encrypted.size()) <= 0)
    return refused(out_error, "OpenSSL refuses the encrypted premaster's length for this key");
  Bytes plain(plain_len);
  if (EVP_PKEY_decrypt(ctx.get(), plain.data(), &plain_len, encrypted.data(), encrypted.size()) <= 0)
    return refused(out_error, "the encrypted premaster does not decrypt under the server's key (bad PKCS #1 v1.5 padding)");
  if (plain_len != kPremasterLen)
    return refused(out_error, "the decrypted premaster is " + std::to_string(plain_len) + " bytes, not 48");
  plain.resize(plain_len);
  out_premaster = std::move(plain);
  return true;
}

}  // namespace hl::crypto
