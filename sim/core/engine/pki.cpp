// Key generation and certificate issuance for the in-memory PKI.
#include "core/engine/pki.hpp"

#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

#include <openssl/bn.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

namespace hl {
namespace {

constexpr int kCaValidDays = 3650;
constexpr long kOneDay = 24 * 60 * 60;

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("PKI: ") + what + ": " + ossl::take_error("OpenSSL error"));
}

struct Name {
  const char* organization;
  std::string common_name;
};

void set_name(X509_NAME* name, const Name& parts) {
  auto add = [&](const char* field, const std::string& value) {
    require(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                                       reinterpret_cast<const unsigned char*>(value.c_str()), -1, -1, 0),
            "subject name");
  };
  add("O", parts.organization);
  add("CN", parts.common_name);
}

// A 127-bit positive serial from the context's generator (seeded runs: reproducible).
void set_serial(X509* cert, OSSL_LIB_CTX* libctx) {
  unsigned char bytes[16];
  require(RAND_bytes_ex(libctx, bytes, sizeof bytes, 0) == 1, "serial");
  bytes[0] &= 0x7F;
  BIGNUM* bn = BN_bin2bn(bytes, sizeof bytes, nullptr);
  require(bn != nullptr && BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert)) != nullptr, "serial");
  BN_free(bn);
}

void set_validity(X509* cert, std::int64_t clock, int days) {
  std::time_t now = static_cast<std::time_t>(clock);
  require(X509_time_adj_ex(X509_getm_notBefore(cert), 0, -kOneDay, &now) != nullptr, "notBefore");
  require(X509_time_adj_ex(X509_getm_notAfter(cert), days, -kOneDay, &now) != nullptr, "notAfter");
}

void add_extension(X509* cert, X509* issuer, int nid, const std::string& value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
  require(ext != nullptr && X509_add_ext(cert, ext, -1), "extension");
  X509_EXTENSION_free(ext);
}

struct Issuer {
  X509* cert;      // null: self-signed
  EVP_PKEY* key;
};

struct Extension {
  int nid;
  std::string value;
};
using Extensions = std::vector<Extension>;

const Extensions kCaExtensions = {{NID_basic_constraints, "critical,CA:TRUE"},
                                  {NID_key_usage, "critical,keyCertSign,cRLSign"}};

ossl::X509Ptr issue(const Name& subject, EVP_PKEY* subject_key, const Issuer& issuer, const Extensions& extensions,
                    std::int64_t clock, int days, OSSL_LIB_CTX* libctx) {
  ossl::X509Ptr cert(X509_new_ex(libctx, nullptr));
  require(cert != nullptr && X509_set_version(cert.get(), X509_VERSION_3), "new certificate");
  X509* self = cert.get();
  X509* signer = issuer.cert ? issuer.cert : self;
  set_serial(self, libctx);
  set_validity(self, clock, days);
  set_name(X509_get_subject_name(self), subject);
  require(X509_set_issuer_name(self, X509_get_subject_name(signer)), "issuer name");
  require(X509_set_pubkey(self, subject_key), "public key");
  for (const auto& extension : extensions) add_extension(self, signer, extension.nid, extension.value);
  add_extension(self, signer, NID_subject_key_identifier, "hash");
  if (issuer.cert) add_extension(self, signer, NID_authority_key_identifier, "keyid:always");
  require(X509_sign(self, issuer.key, EVP_sha256()) > 0, "signature");
  return cert;
}

std::string san_list(const CertRecipe& recipe) {
  std::string list;
  for (const auto& name : recipe.san) list += (list.empty() ? "DNS:" : ",DNS:") + name;
  return list;
}

bool is_rsa(KeyType type) { return type == KeyType::rsa2048 || type == KeyType::rsa3072 || type == KeyType::rsa4096; }

// RSA leaves also allow key encipherment: TLS 1.2 RSA key exchange encrypts to them.
Extensions leaf_extensions(const CertRecipe& recipe) {
  Extensions extensions = {
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_key_usage, is_rsa(recipe.key) ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature"},
      {NID_ext_key_usage, "serverAuth"}};
  if (!recipe.san.empty()) extensions.push_back({NID_subject_alt_name, san_list(recipe)});
  return extensions;
}

}  // namespace

ossl::PkeyPtr generate_key(KeyType type, OSSL_LIB_CTX* libctx) {
  EVP_PKEY* key = nullptr;
  switch (type) {
    case KeyType::ecdsa_p256: key = EVP_PKEY_Q_keygen(libctx, nullptr, "EC", "P-256"); break;
    case KeyType::rsa2048: key = EVP_PKEY_Q_keygen(libctx, nullptr, "RSA", std::size_t{2048}); break;
    case KeyType::rsa3072: key = EVP_PKEY_Q_keygen(libctx, nullptr, "RSA", std::size_t{3072}); break;
    case KeyType::rsa4096: key = EVP_PKEY_Q_keygen(libctx, nullptr, "RSA", std::size_t{4096}); break;
    case KeyType::ed25519: key = EVP_PKEY_Q_keygen(libctx, nullptr, "ED25519"); break;
  }
  require(key != nullptr, "key generation");
  return ossl::PkeyPtr(key);
}

Chain build_chain(const CertRecipe& recipe, std::int64_t clock, ossl::PkeyPtr leaf_key, OSSL_LIB_CTX* libctx) {
  Chain chain;
  ossl::PkeyPtr root_key = generate_key(KeyType::ecdsa_p256, libctx);
  chain.root = issue({"Handshake Lab", "Handshake Lab Root CA"}, root_key.get(), {nullptr, root_key.get()}, kCaExtensions,
                     clock, kCaValidDays, libctx);
  Issuer leaf_issuer{chain.root.get(), root_key.get()};
  ossl::PkeyPtr intermediate_key;
  if (recipe.intermediate) {
    intermediate_key = generate_key(KeyType::ecdsa_p256, libctx);
    chain.intermediate = issue({"Handshake Lab", "Handshake Lab Issuing CA 1"}, intermediate_key.get(), leaf_issuer,
                               kCaExtensions, clock, kCaValidDays, libctx);
    leaf_issuer = {chain.intermediate.get(), intermediate_key.get()};
  }
  chain.leaf = issue({"Handshake Lab Demo", recipe.subject_cn}, leaf_key.get(), leaf_issuer, leaf_extensions(recipe),
                     clock, recipe.valid_days, libctx);
  chain.leaf_key = std::move(leaf_key);
  return chain;
}

}  // namespace hl
