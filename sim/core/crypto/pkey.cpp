#include "core/crypto/pkey.hpp"

#include <openssl/err.h>
#include <openssl/x509.h>

namespace hl::crypto {

bool refused(std::string& out_error, std::string sentence) {
  ERR_clear_error();
  out_error = std::move(sentence);
  return false;
}

namespace {

// X25519 and X448 keys straight from their raw bytes: OpenSSL 3.0's generic DER decoder costs
// about a millisecond a key, ten times the whole key exchange around it.
// `at` moves past the PKCS #8 structure it read.
PkeyPtr load_raw_ecx(ByteView der, const unsigned char*& at) {
  const unsigned char* next = der.data();
  PKCS8_PRIV_KEY_INFO* info = d2i_PKCS8_PRIV_KEY_INFO(nullptr, &next, static_cast<long>(der.size()));
  if (info == nullptr) return nullptr;
  const unsigned char* inner = nullptr;
  int inner_len = 0;
  const X509_ALGOR* algorithm = nullptr;
  const ASN1_OBJECT* oid = nullptr;
  PkeyPtr key;
  if (PKCS8_pkey_get0(nullptr, &inner, &inner_len, &algorithm, info) == 1) {
    X509_ALGOR_get0(&oid, nullptr, nullptr, algorithm);
    const int nid = OBJ_obj2nid(oid);
    ASN1_OCTET_STRING* raw = nid == NID_X25519 || nid == NID_X448 ? d2i_ASN1_OCTET_STRING(nullptr, &inner, inner_len) : nullptr;
    if (raw != nullptr)
      key.reset(EVP_PKEY_new_raw_private_key_ex(nullptr, OBJ_nid2sn(nid), nullptr, raw->data, static_cast<std::size_t>(raw->length)));
    ASN1_OCTET_STRING_free(raw);
  }
  PKCS8_PRIV_KEY_INFO_free(info);
  if (key) at = next;
  return key;
}

}  // namespace

PkeyPtr load_private_key(ByteView der, std::string& out_error) {
  const unsigned char* at = der.data();
  PkeyPtr key = load_raw_ecx(der, at);
  if (!key) key.reset(d2i_AutoPrivateKey(nullptr, &at, static_cast<long>(der.size())));
  ERR_clear_error();
  if (!key) {
    out_error = "OpenSSL cannot read the private key's DER";
    return nullptr;
  }
  if (at != der.data() + der.size()) {
    out_error = "the private key's DER has trailing bytes";
    return nullptr;
  }
  return key;
}

}  // namespace hl::crypto
