#include "core/crypto/handshake_signature.hpp"

#include <openssl/err.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include "core/crypto/handshake_log.hpp"
#include "core/wire/cursor.hpp"

namespace hl::crypto {
namespace {

constexpr std::uint8_t kCertificate = wire_type(HandshakeType::certificate);

// SignatureScheme (RFC 8446 §4.2.3) -> how EVP verifies it.
struct SchemeRow {
  std::uint16_t code;
  const char* digest;  // nullptr: EdDSA hashes internally
  bool pss;
};
constexpr SchemeRow kSchemes[] = {
    {0x0201, "SHA1", false},   {0x0401, "SHA256", false}, {0x0501, "SHA384", false}, {0x0601, "SHA512", false},
    {0x0203, "SHA1", false},   {0x0403, "SHA256", false}, {0x0503, "SHA384", false}, {0x0603, "SHA512", false},
    {0x0804, "SHA256", true},  {0x0805, "SHA384", true},  {0x0806, "SHA512", true},  {0x0809, "SHA256", true},
    {0x080A, "SHA384", true},  {0x080B, "SHA512", true},  {0x0807, nullptr, false},  {0x0808, nullptr, false},
};

const SchemeRow* scheme_row(std::uint16_t code) {
  for (const auto& row : kSchemes)
    if (row.code == code) return &row;
  return nullptr;
}

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

}  // namespace

bool leaf_public_key(ByteView certificate_message, PkeyPtr& out_key, std::string& out_error) {
  wire::Cursor c(certificate_message), body, list, first;
  std::uint8_t type = 0;
  if (!c.u8(type) || type != kCertificate) return refused(out_error, "this is not a Certificate message");
  if (!c.prefixed(3, body) || !c.empty() || !body.prefixed(3, list) || !body.empty())
    return refused(out_error, "the Certificate message's lengths do not match its bytes");
  if (!list.prefixed(3, first) || first.empty()) return refused(out_error, "the Certificate message holds no certificate");
  const unsigned char* at = first.rest().data();
  X509* leaf = d2i_X509(nullptr, &at, static_cast<long>(first.remaining()));
  if (leaf == nullptr) return refused(out_error, "the server's certificate does not parse as X.509");
  out_key.reset(X509_get_pubkey(leaf));
  X509_free(leaf);
  if (!out_key) return refused(out_error, "the server's certificate holds no usable public key");
  return true;
}

bool verify_signature(EVP_PKEY* key, std::uint16_t scheme, ByteView data, ByteView signature, std::string& out_error) {
  const SchemeRow* row = scheme_row(scheme);
  if (row == nullptr) return refused(out_error, "the lab does not know signature scheme " + std::to_string(scheme));
  std::unique_ptr<EVP_MD_CTX, MdCtxFree> md(EVP_MD_CTX_new());
  EVP_PKEY_CTX* pctx = nullptr;  // owned by md
  if (!md || EVP_DigestVerifyInit_ex(md.get(), &pctx, row->digest, nullptr, nullptr, key, nullptr) <= 0)
    return refused(out_error, "the signature scheme does not fit the certificate's key");
  if (row->pss && (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PSS_PADDING) <= 0 ||
                   EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, RSA_PSS_SALTLEN_DIGEST) <= 0))
    return refused(out_error, "OpenSSL cannot set up RSA-PSS for this key");
  if (EVP_DigestVerify(md.get(), signature.data(), signature.size(), data.data(), data.size()) != 1)
    return refused(out_error, "the signature does not verify with the certificate's public key");
  ERR_clear_error();
  return true;
}

}  // namespace hl::crypto
