#include "core/crypto/key_agreement.hpp"

#include <memory>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/dh.h>
#include <openssl/err.h>
#include <openssl/x509.h>

#include "core/crypto/pkey.hpp"

namespace hl::crypto {
namespace {

// The peer's key: own's group parameters with the public value from the wire.
PkeyPtr peer_key(EVP_PKEY* own, ByteView peer_public) {
  PkeyPtr peer(EVP_PKEY_new());
  if (!peer || EVP_PKEY_copy_parameters(peer.get(), own) <= 0) return nullptr;
  if (EVP_PKEY_set1_encoded_public_key(peer.get(), peer_public.data(), peer_public.size()) <= 0) return nullptr;
  return peer;
}

// The quick check is the whole check for every group TLS offers here, and the full one costs
// a modular exponentiation per key (78% of the lab's recomputation on ffdhe2048):
// - the named FFDHE groups (RFC 7919) have safe primes p = 2q + 1, so the only subgroups are of
//   order 1, 2, q and 2q; 2 <= y <= p - 2 (the quick check) already excludes the first two, and
//   TLS needs no more (RFC 7919 §5.1 asks exactly this range check of a peer);
// - the NIST curves have cofactor 1, so any point on the curve (the quick check) is in the group
//   and the full check's n * Q = O adds nothing;
// - X25519 and X448 accept every 32- or 56-byte string by design (RFC 7748 §5).
bool peer_key_is_valid(EVP_PKEY* peer) {
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, peer, nullptr));
  return ctx && EVP_PKEY_public_check_quick(ctx.get()) == 1;
}

}  // namespace

bool derive_shared_secret(EVP_PKEY* own, ByteView peer_public, DhPadding padding, Bytes& out_secret,
                          std::string& out_error) {
  if (own == nullptr) return refused(out_error, "there is no private key to derive with");
  if (peer_public.empty()) return refused(out_error, "the peer's public key is empty");
  PkeyPtr peer = peer_key(own, peer_public);
  if (!peer) return refused(out_error, "the peer's public key is not a valid key of this group");
  PkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_pkey(nullptr, own, nullptr));
  if (!ctx || EVP_PKEY_derive_init(ctx.get()) <= 0) return refused(out_error, "OpenSSL cannot derive with this key");
  if (EVP_PKEY_is_a(own, "DH") && EVP_PKEY_CTX_set_dh_pad(ctx.get(), padding == DhPadding::pad_to_prime ? 1 : 0) <= 0)
    return refused(out_error, "OpenSSL cannot set the DH padding");
  if (!peer_key_is_valid(peer.get()) || EVP_PKEY_derive_set_peer_ex(ctx.get(), peer.get(), 0) <= 0)
    return refused(out_error, "OpenSSL rejects the peer's public key (not a valid point or value of the group)");
  std::size_t secret_len = 0;
  if (EVP_PKEY_derive(ctx.get(), nullptr, &secret_len) <= 0) return refused(out_error, "OpenSSL cannot size the shared secret");
  Bytes secret(secret_len);
  if (EVP_PKEY_derive(ctx.get(), secret.data(), &secret_len) <= 0) return refused(out_error, "EVP_PKEY_derive failed");
  secret.resize(secret_len);
  out_secret = std::move(secret);
  return true;
}

Bytes encoded_public_key(EVP_PKEY* key) {
  unsigned char* encoded = nullptr;
  const std::size_t encoded_len = EVP_PKEY_get1_encoded_public_key(key, &encoded);
  Bytes out(encoded, encoded + encoded_len);
  OPENSSL_free(encoded);
  ERR_clear_error();
  return out;
}

Bytes subject_public_key_info(EVP_PKEY* key) {
  unsigned char* der = nullptr;
  const int der_len = i2d_PUBKEY(key, &der);
  if (der_len <= 0) return ERR_clear_error(), Bytes{};
  Bytes out(der, der + der_len);
  OPENSSL_free(der);
  return out;
}

Bytes private_value(EVP_PKEY* key) {
  std::size_t raw_len = 0;
  if (EVP_PKEY_get_raw_private_key(key, nullptr, &raw_len) == 1) {
    Bytes raw(raw_len);
    if (EVP_PKEY_get_raw_private_key(key, raw.data(), &raw_len) == 1) return raw;
  }
  ERR_clear_error();
  BIGNUM* value = nullptr;
  if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_PRIV_KEY, &value) != 1) return ERR_clear_error(), Bytes{};
  // An EC scalar is as long as the curve's order; a DH exponent is shown as the number it is.
  const int len = EVP_PKEY_is_a(key, "EC") ? (EVP_PKEY_get_bits(key) + 7) / 8 : BN_num_bytes(value);
  Bytes out(static_cast<std::size_t>(len));
  if (BN_bn2binpad(value, out.data(), len) != len) out.clear();
  BN_clear_free(value);
  return out;
}

}  // namespace hl::crypto
