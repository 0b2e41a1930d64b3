#include "core/crypto/aead.hpp"

#include <memory>

#include <openssl/evp.h>

#include "core/crypto/evp_fetch.hpp"

namespace hl::crypto {
namespace {

struct CipherCtxFree {
  void operator()(EVP_CIPHER_CTX* ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxFree>;

int int_len(std::size_t len) { return static_cast<int>(len); }
void* writable(ByteView bytes) { return const_cast<std::uint8_t*>(bytes.data()); }  // EVP only reads the tag

}  // namespace

std::optional<Bytes> aead_open(const SuiteCrypto& suite, ByteView key, ByteView nonce, ByteView aad, ByteView ciphertext,
                               ByteView tag) {
  const EVP_CIPHER* cipher = fetched_cipher(suite.evp_cipher);
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (cipher == nullptr || !ctx || key.size() != suite.key_len) return std::nullopt;
  const bool ccm = suite.mode == RecordMode::ccm;
  int out_len = 0;
  if (EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, nullptr, nullptr) != 1 ||
      EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_IVLEN, int_len(nonce.size()), nullptr) != 1)
    return std::nullopt;
  // CCM wants the tag before the key; GCM and ChaCha20-Poly1305 take it before the final call.
  if (ccm && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, int_len(tag.size()), writable(tag)) != 1)
    return std::nullopt;
  if (EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, key.data(), nonce.data()) != 1) return std::nullopt;
  if (ccm && EVP_DecryptUpdate(ctx.get(), nullptr, &out_len, nullptr, int_len(ciphertext.size())) != 1)
    return std::nullopt;
  if (EVP_DecryptUpdate(ctx.get(), nullptr, &out_len, aad.data(), int_len(aad.size())) != 1) return std::nullopt;
  Bytes plain(ciphertext.size() + 16);
  int plain_len = 0;
  if (EVP_DecryptUpdate(ctx.get(), plain.data(), &plain_len, ciphertext.data(), int_len(ciphertext.size())) != 1)
    return std::nullopt;  // CCM checks its tag here
  if (!ccm) {
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_AEAD_SET_TAG, int_len(tag.size()), writable(tag)) != 1 ||
        EVP_DecryptFinal_ex(ctx.get(), plain.data() + plain_len, &out_len) != 1)
      return std::nullopt;
    plain_len += out_len;
  }
  plain.resize(static_cast<std::size_t>(plain_len));
  return plain;
}

std::optional<Bytes> cbc_decrypt(const SuiteCrypto& suite, ByteView key, ByteView iv, ByteView ciphertext) {
  const EVP_CIPHER* cipher = fetched_cipher(suite.evp_cipher);
  CipherCtxPtr ctx(EVP_CIPHER_CTX_new());
  if (cipher == nullptr || !ctx || ciphertext.empty() || ciphertext.size() % 16 != 0 || iv.size() != 16)
    return std::nullopt;
  Bytes plain(ciphertext.size() + 16);
  int plain_len = 0, final_len = 0;
  if (EVP_DecryptInit_ex(ctx.get(), cipher, nullptr, key.data(), iv.data()) != 1 ||
      EVP_CIPHER_CTX_set_padding(ctx.get(), 0) != 1 ||
      EVP_DecryptUpdate(ctx.get(), plain.data(), &plain_len, ciphertext.data(), int_len(ciphertext.size())) != 1 ||
      EVP_DecryptFinal_ex(ctx.get(), plain.data() + plain_len, &final_len) != 1)
    return std::nullopt;
  plain.resize(static_cast<std::size_t>(plain_len + final_len));
  return plain;
}

}  // namespace hl::crypto
