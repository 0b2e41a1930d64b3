// EVP_KDF and EVP_MAC wrappers: every failure gives an empty result, never a partial one.
#include "core/crypto/kdf.hpp"

#include "core/crypto/evp_fetch.hpp"

#include <map>
#include <memory>
#include <string>
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

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

struct MacCtxFree {
  void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
};
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, MacCtxFree>;

// One context per thread and (KDF, mode, digest), reset before each use (the TLS1-PRF seed
// and HKDF info parameters would otherwise add to the last call's): making and freeing a
// context per call showed in the profile, and EVP_KDF_CTX_dup gives NULL for HKDF in OpenSSL
// 3.0. The map is an ordinary thread_local, so each thread frees its contexts when it ends.
EVP_KDF_CTX* reusable_kdf(const char* name, int mode, const std::string& digest) {
  thread_local std::map<std::string, KdfCtxPtr, std::less<>> contexts;
  std::string key = std::string(name) + '/' + std::to_string(mode) + '/' + digest;
  auto it = contexts.find(key);
  if (it != contexts.end()) return EVP_KDF_CTX_reset(it->second.get()), it->second.get();
  EVP_KDF* kdf = fetched_kdf(name);
  KdfCtxPtr ctx(kdf == nullptr ? nullptr : EVP_KDF_CTX_new(kdf));
  if (!ctx) return nullptr;
  return contexts.emplace(std::move(key), std::move(ctx)).first->second.get();
}

// One HMAC context per thread and digest with the digest already set; each call works on a
// copy (EVP_MAC_CTX_dup works for HMAC), so setting the digest is paid once.
const EVP_MAC_CTX* hmac_template(const std::string& digest) {
  thread_local std::map<std::string, MacCtxPtr, std::less<>> templates;
  auto it = templates.find(digest);
  if (it != templates.end()) return it->second.get();
  EVP_MAC* mac = fetched_mac("HMAC");
  MacCtxPtr ctx(mac == nullptr ? nullptr : EVP_MAC_CTX_new(mac));
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(digest.c_str()), 0),
      OSSL_PARAM_construct_end()};
  if (!ctx || EVP_MAC_CTX_set_params(ctx.get(), params) != 1) return nullptr;
  return templates.emplace(digest, std::move(ctx)).first->second.get();
}

// OSSL_PARAM takes non-const pointers; OpenSSL only reads these buffers.
void* readable(ByteView bytes) { return const_cast<std::uint8_t*>(bytes.data()); }

// `mode` is an HKDF mode, or kNoMode for a KDF without one.
constexpr int kNoMode = -1;

Bytes derive(const char* kdf_name, int mode, const std::string& digest, std::vector<OSSL_PARAM> params,
             std::size_t length) {
  if (mode != kNoMode) params.push_back(OSSL_PARAM_construct_int(OSSL_KDF_PARAM_MODE, &mode));
  params.push_back(OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, const_cast<char*>(digest.c_str()), 0));
  params.push_back(OSSL_PARAM_construct_end());
  EVP_KDF_CTX* ctx = reusable_kdf(kdf_name, mode, digest);
  Bytes out(length);
  if (ctx == nullptr || EVP_KDF_derive(ctx, out.data(), out.size(), params.data()) != 1) return {};
  return out;
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

std::vector<Bytes> prefix_hashes(const std::string& digest, std::span<const ByteView> parts) {
  const EVP_MD* md = fetched_digest(digest);
  const MdCtxPtr running(EVP_MD_CTX_new()), copy(EVP_MD_CTX_new());
  if (md == nullptr || !running || !copy || EVP_DigestInit_ex(running.get(), md, nullptr) != 1) return {};
  std::vector<Bytes> out;
  out.reserve(parts.size());
  for (ByteView part : parts) {
    Bytes value(static_cast<std::size_t>(EVP_MD_get_size(md)));
    if (EVP_DigestUpdate(running.get(), part.data(), part.size()) != 1 || EVP_MD_CTX_copy_ex(copy.get(), running.get()) != 1 ||
        EVP_DigestFinal_ex(copy.get(), value.data(), nullptr) != 1)
      return {};
    out.push_back(std::move(value));
  }
  return out;
}

std::size_t hash_len(const std::string& digest) {
  const EVP_MD* md = fetched_digest(digest);
  return md == nullptr ? 0 : static_cast<std::size_t>(EVP_MD_get_size(md));
}

Bytes hmac(const std::string& digest, ByteView key, ByteView data) {
  const EVP_MAC_CTX* model = hmac_template(digest);
  MacCtxPtr ctx(model == nullptr ? nullptr : EVP_MAC_CTX_dup(model));
  Bytes out(EVP_MAX_MD_SIZE);
  std::size_t out_len = 0;
  if (!ctx || EVP_MAC_init(ctx.get(), key.data(), key.size(), nullptr) != 1 ||
      EVP_MAC_update(ctx.get(), data.data(), data.size()) != 1 ||
      EVP_MAC_final(ctx.get(), out.data(), &out_len, out.size()) != 1)
    return {};
  out.resize(out_len);
  return out;
}

Bytes hkdf_extract(const std::string& digest, ByteView salt, ByteView ikm) {
  return derive("HKDF", EVP_KDF_HKDF_MODE_EXTRACT_ONLY, digest,
                {octets(OSSL_KDF_PARAM_SALT, salt), octets(OSSL_KDF_PARAM_KEY, ikm)}, hash_len(digest));
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
  return derive("HKDF", EVP_KDF_HKDF_MODE_EXPAND_ONLY, digest,
                {octets(OSSL_KDF_PARAM_KEY, secret), octets(OSSL_KDF_PARAM_INFO, info)}, length);
}

Bytes tls12_prf(const std::string& digest, ByteView secret, const std::string& label, ByteView seed,
                std::size_t length) {
  Bytes full_seed(label.begin(), label.end());
  full_seed.insert(full_seed.end(), seed.begin(), seed.end());
  return derive("TLS1-PRF", kNoMode, digest,
                {octets(OSSL_KDF_PARAM_SECRET, secret), octets(OSSL_KDF_PARAM_SEED, full_seed)}, length);
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
