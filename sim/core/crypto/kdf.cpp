// EVP_KDF and EVP_MAC wrappers: every failure gives an empty result, never a partial one.
#include "core/crypto/kdf.hpp"

#include "core/crypto/evp_fetch.hpp"

#include <memory>
#include <vector>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>

namespace hl::crypto {
namespace {

struct KdfCtxFree {
  void operator()(EVP_KDF_CTX* ctx) const { EVP_KDF_CTX_free(ctx); }
};
using KdfCtxPtr = std::unique_ptr<EVP_KDF_CTX, KdfCtxFree>;

KdfCtxPtr new_kdf(const char* name) {
  EVP_KDF* kdf = fetched_kdf(name);
  return kdf == nullptr ? nullptr : KdfCtxPtr(EVP_KDF_CTX_new(kdf));
}

// OSSL_PARAM takes non-const pointers; OpenSSL only reads these buffers.
void* readable(ByteView bytes) { return const_cast<std::uint8_t*>(bytes.data()); }

Bytes derive(const char* kdf_name, std::vector<OSSL_PARAM> params, std::size_t length) {
  params.push_back(OSSL_PARAM_construct_end());
  KdfCtxPtr ctx = new_kdf(kdf_name);
  Bytes out(length);
  if (!ctx || EVP_KDF_derive(ctx.get(), out.data(), out.size(), params.data()) != 1) return {};
  return out;
}

OSSL_PARAM digest_param(const std::string& digest) {
  return OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(digest.c_str()), 0);
}

OSSL_PARAM octets(const char* key, ByteView bytes) {
  return OSSL_PARAM_construct_octet_string(key, readable(bytes), bytes.size());
}

}  // namespace

Bytes hash(const std::string& digest, ByteView data) {
  const EVP_MD* md = fetched_digest(digest);
  if (md == nullptr) return {};
  Bytes out(static_cast<std::size_t>(EVP_MD_get_size(md)));
  unsigned int out_len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &out_len, md, nullptr) != 1) return {};
  return out;
}

std::size_t hash_len(const std::string& digest) {
  const EVP_MD* md = fetched_digest(digest);
  return md == nullptr ? 0 : static_cast<std::size_t>(EVP_MD_get_size(md));
}

Bytes hmac(const std::string& digest, ByteView key, ByteView data) {
  EVP_MAC* mac = fetched_mac("HMAC");
  if (mac == nullptr) return {};
  EVP_MAC_CTX* ctx = EVP_MAC_CTX_new(mac);
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest.c_str()), 0),
      OSSL_PARAM_construct_end()};
  Bytes out(EVP_MAX_MD_SIZE);
  std::size_t out_len = 0;
  const bool ok = ctx != nullptr && EVP_MAC_init(ctx, key.data(), key.size(), params) == 1 &&
                  EVP_MAC_update(ctx, data.data(), data.size()) == 1 &&
                  EVP_MAC_final(ctx, out.data(), &out_len, out.size()) == 1;
  EVP_MAC_CTX_free(ctx);
  if (!ok) return {};
  out.resize(out_len);
  return out;
}

Bytes hkdf_extract(const std::string& digest, ByteView salt, ByteView ikm) {
  int mode = EVP_KDF_HKDF_MODE_EXTRACT_ONLY;
  return derive("HKDF",
                {digest_param(digest), OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
                 octets(OSSL_KDF_PARAM_SALT, salt), octets(OSSL_KDF_PARAM_KEY, ikm)},
                hash_len(digest));
}

Bytes hkdf_expand_label(const std::string& digest, ByteView secret, const std::string& label, ByteView context,
                        std::size_t length) {
  // struct { uint16 length; opaque label<7..255> = "tls13 " + Label; opaque context<0..255>; } HkdfLabel;
  const std::string full_label = "tls13 " + label;
  Bytes info = {static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length),
                static_cast<std::uint8_t>(full_label.size())};
  info.insert(info.end(), full_label.begin(), full_label.end());
  info.push_back(static_cast<std::uint8_t>(context.size()));
  info.insert(info.end(), context.begin(), context.end());
  int mode = EVP_KDF_HKDF_MODE_EXPAND_ONLY;
  return derive("HKDF",
                {digest_param(digest), OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode),
                 octets(OSSL_KDF_PARAM_KEY, secret), octets(OSSL_KDF_PARAM_INFO, info)},
                length);
}

Bytes tls12_prf(const std::string& digest, ByteView secret, const std::string& label, ByteView seed,
                std::size_t length) {
  Bytes full_seed(label.begin(), label.end());
  full_seed.insert(full_seed.end(), seed.begin(), seed.end());
  return derive("TLS1-PRF",
                {digest_param(digest), octets(OSSL_KDF_PARAM_SECRET, secret), octets(OSSL_KDF_PARAM_SEED, full_seed)},
                length);
}

Bytes xor_right_aligned(ByteView a, ByteView b) {
  Bytes out(a.begin(), a.end());
  const std::size_t shift = out.size() >= b.size() ? out.size() - b.size() : 0;
  for (std::size_t i = 0; i < b.size() && shift + i < out.size(); ++i) out[shift + i] ^= b[i];
  return out;
}

Bytes seq_bytes(std::uint64_t seq) {
  Bytes out(8);
  for (int i = 7; i >= 0; --i, seq >>= 8) out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(seq);
  return out;
}

}  // namespace hl::crypto
