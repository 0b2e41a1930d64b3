// Key generation and certificate issuance for the in-memory PKI.
#include "core/engine/pki.hpp"

#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <arpa/inet.h>

#include <openssl/bn.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509v3.h>

#include "core/engine/ocsp_responder.hpp"

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

// When a certificate is valid, in seconds from the scenario clock.
struct Window {
  long from;
  long to;
};

Window days_from_yesterday(int days) { return {-kOneDay, days * kOneDay - kOneDay}; }

void set_validity(X509* cert, std::int64_t clock, Window window) {
  std::time_t now = static_cast<std::time_t>(clock);
  require(X509_time_adj_ex(X509_getm_notBefore(cert), 0, window.from, &now) != nullptr, "notBefore");
  require(X509_time_adj_ex(X509_getm_notAfter(cert), 0, window.to, &now) != nullptr, "notAfter");
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
                    std::int64_t clock, Window window, OSSL_LIB_CTX* libctx) {
  ossl::X509Ptr cert(X509_new_ex(libctx, nullptr));
  require(cert != nullptr && X509_set_version(cert.get(), X509_VERSION_3), "new certificate");
  X509* self = cert.get();
  X509* signer = issuer.cert ? issuer.cert : self;
  set_serial(self, libctx);
  set_validity(self, clock, window);
  set_name(X509_get_subject_name(self), subject);
  require(X509_set_issuer_name(self, X509_get_subject_name(signer)), "issuer name");
  require(X509_set_pubkey(self, subject_key), "public key");
  for (const auto& extension : extensions) add_extension(self, signer, extension.nid, extension.value);
  add_extension(self, signer, NID_subject_key_identifier, "hash");
  if (issuer.cert) add_extension(self, signer, NID_authority_key_identifier, "keyid:always");
  require(X509_sign(self, issuer.key, EVP_sha256()) > 0, "signature");
  return cert;
}

// An IP literal is an iPAddress name, anything else a dNSName (RFC 5280 §4.2.1.6): live mode
// names 127.0.0.1 so that a client connecting by address can check it.
std::string san_list(const CertRecipe& recipe) {
  std::string list;
  for (const auto& name : recipe.san) list += (list.empty() ? "" : ",") + std::string(is_ip_literal(name) ? "IP:" : "DNS:") + name;
  return list;
}

bool is_rsa(KeyType type) {
  return type == KeyType::rsa1024 || type == KeyType::rsa2048 || type == KeyType::rsa3072 || type == KeyType::rsa4096;
}

// RSA leaves also allow key encipherment: TLS 1.2 RSA key exchange encrypts to them.
// CertFault::wrong_usage: a client certificate's usage, which a TLS client must refuse.
Extensions leaf_extensions(const CertRecipe& recipe) {
  const bool wrong_usage = recipe.fault == CertFault::wrong_usage;
  Extensions extensions = {
      {NID_basic_constraints, "critical,CA:FALSE"},
      {NID_key_usage, is_rsa(leaf_key_type(recipe)) ? "critical,digitalSignature,keyEncipherment" : "critical,digitalSignature"},
      {NID_ext_key_usage, wrong_usage ? "clientAuth" : "serverAuth"}};
  if (!recipe.san.empty()) extensions.push_back({NID_subject_alt_name, san_list(recipe)});
  return extensions;
}

// The leaf's names and validity, after the recipe's fault.
CertRecipe leaf_recipe(const CertRecipe& recipe) {
  CertRecipe leaf = recipe;
  if (recipe.fault == CertFault::wrong_host) {
    leaf.subject_cn = "shop.example.net";
    leaf.san = {"shop.example.net"};
  }
  return leaf;
}

Window leaf_window(const CertRecipe& recipe) {
  if (recipe.fault == CertFault::expired) return {-(recipe.valid_days + 30) * kOneDay, -30 * kOneDay};
  if (recipe.fault == CertFault::not_yet_valid) return {30 * kOneDay, (recipe.valid_days + 30) * kOneDay};
  return days_from_yesterday(recipe.valid_days);
}

const Name kRootName{"Handshake Lab", "Handshake Lab Root CA"};
const Name kUnknownRootName{"Nobody You Know", "Unknown Root CA"};

ossl::X509Ptr self_signed_ca(const Name& name, EVP_PKEY* key, std::int64_t clock, OSSL_LIB_CTX* libctx) {
  return issue(name, key, {nullptr, key}, kCaExtensions, clock, days_from_yesterday(kCaValidDays), libctx);
}

// A CRL from `issuer`, current at `clock`, that lists `revoked_cert`.
ossl::CrlPtr revoking_crl(const Issuer& issuer, X509* revoked_cert, std::int64_t clock) {
  ossl::CrlPtr crl(X509_CRL_new());
  require(crl && X509_CRL_set_version(crl.get(), 1), "CRL");
  require(X509_CRL_set_issuer_name(crl.get(), X509_get_subject_name(issuer.cert)), "CRL issuer");
  std::time_t now = static_cast<std::time_t>(clock);
  ASN1_TIME* this_update = X509_time_adj_ex(nullptr, 0, -kOneDay, &now);
  ASN1_TIME* next_update = X509_time_adj_ex(nullptr, 7, 0, &now);
  X509_REVOKED* entry = X509_REVOKED_new();
  const bool ok = this_update && next_update && entry && X509_CRL_set1_lastUpdate(crl.get(), this_update) &&
                  X509_CRL_set1_nextUpdate(crl.get(), next_update) &&
                  X509_REVOKED_set_serialNumber(entry, X509_get_serialNumber(revoked_cert)) &&
                  X509_REVOKED_set_revocationDate(entry, this_update) && X509_CRL_add0_revoked(crl.get(), entry);
  ASN1_TIME_free(this_update);
  ASN1_TIME_free(next_update);
  if (!ok) X509_REVOKED_free(entry);
  require(ok, "CRL entry");
  X509_CRL_sort(crl.get());
  require(X509_CRL_sign(crl.get(), issuer.key, EVP_sha256()) > 0, "CRL signature");
  return crl;
}

}  // namespace

bool is_ip_literal(const std::string& name) {
  unsigned char address[16];
  return inet_pton(AF_INET, name.c_str(), address) == 1 || inet_pton(AF_INET6, name.c_str(), address) == 1;
}

// An RSASSA-PSS key (RFC 4055) of 2048 bits: it signs only with rsa_pss_pss_*. EVP_PKEY_Q_keygen
// takes a size only for "RSA", so the steps are spelt out.
static EVP_PKEY* generate_rsa_pss_key(OSSL_LIB_CTX* libctx) {
  std::unique_ptr<EVP_PKEY_CTX, ossl::Free<EVP_PKEY_CTX_free>> ctx(EVP_PKEY_CTX_new_from_name(libctx, "RSA-PSS", nullptr));
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0 || EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), 2048) <= 0 ||
      EVP_PKEY_generate(ctx.get(), &key) <= 0)
    return nullptr;
  return key;
}

ossl::PkeyPtr generate_key(KeyType type, OSSL_LIB_CTX* libctx) {
  EVP_PKEY* key = nullptr;
  switch (type) {
    case KeyType::ecdsa_p256: key = EVP_PKEY_Q_keygen(libctx, nullptr, "EC", "P-256"); break;
    case KeyType::rsa1024: key = EVP_PKEY_Q_keygen(libctx, nullptr, "RSA", std::size_t{1024}); break;
    case KeyType::rsa2048: key = EVP_PKEY_Q_keygen(libctx, nullptr, "RSA", std::size_t{2048}); break;
    case KeyType::rsa3072: key = EVP_PKEY_Q_keygen(libctx, nullptr, "RSA", std::size_t{3072}); break;
    case KeyType::rsa4096: key = EVP_PKEY_Q_keygen(libctx, nullptr, "RSA", std::size_t{4096}); break;
    case KeyType::ed25519: key = EVP_PKEY_Q_keygen(libctx, nullptr, "ED25519"); break;
    case KeyType::ed448: key = EVP_PKEY_Q_keygen(libctx, nullptr, "ED448"); break;
    case KeyType::ecdsa_p384: key = EVP_PKEY_Q_keygen(libctx, nullptr, "EC", "P-384"); break;
    case KeyType::rsa_pss: key = generate_rsa_pss_key(libctx); break;
  }
  require(key != nullptr, "key generation");
  return ossl::PkeyPtr(key);
}

namespace {

// The root the client trusts: the lab's own, or for unknown-ca one that signed nothing here.
ossl::X509Ptr trusted_root(CertFault fault, X509* root, std::int64_t clock, OSSL_LIB_CTX* libctx) {
  if (fault != CertFault::unknown_ca) {
    X509_up_ref(root);
    return ossl::X509Ptr(root);
  }
  ossl::PkeyPtr key = generate_key(KeyType::ecdsa_p256, libctx);
  return self_signed_ca(kRootName, key.get(), clock, libctx);
}

// Mutual TLS: a client certificate as a service would hold one (extendedKeyUsage clientAuth,
// RFC 5280 §4.2.1.12), from the CA that issued the server's leaf, or the root when that leaf
// signs itself; 90 days from yesterday whatever the server's leaf has, so no fault reaches it.
void add_client_leaf(Chain& chain, const Issuer& ca, std::int64_t clock, OSSL_LIB_CTX* libctx) {
  const Extensions extensions = {{NID_basic_constraints, "critical,CA:FALSE"},
                                 {NID_key_usage, "critical,digitalSignature"},
                                 {NID_ext_key_usage, "clientAuth"},
                                 {NID_subject_alt_name, std::string("DNS:") + kClientCertName}};
  chain.client_key = generate_key(KeyType::ecdsa_p256, libctx);
  chain.client_leaf = issue({"Handshake Lab Demo", kClientCertName}, chain.client_key.get(), ca, extensions, clock,
                            days_from_yesterday(90), libctx);
}

}  // namespace

KeyType leaf_key_type(const CertRecipe& recipe) {
  return recipe.fault == CertFault::weak_key ? KeyType::rsa1024 : recipe.key;
}

Chain build_chain(const CertRecipe& recipe, std::int64_t clock, ossl::PkeyPtr leaf_key, OSSL_LIB_CTX* libctx,
                  bool client_leaf) {
  const CertFault fault = recipe.fault;
  Chain chain;
  ossl::PkeyPtr root_key = generate_key(KeyType::ecdsa_p256, libctx);
  chain.root = self_signed_ca(fault == CertFault::unknown_ca ? kUnknownRootName : kRootName, root_key.get(), clock, libctx);
  Issuer leaf_issuer{chain.root.get(), root_key.get()};
  ossl::PkeyPtr intermediate_key;
  const bool self_signed = fault == CertFault::self_signed_leaf;
  if ((recipe.intermediate || fault == CertFault::missing_intermediate) && !self_signed) {
    intermediate_key = generate_key(KeyType::ecdsa_p256, libctx);
    chain.intermediate = issue({"Handshake Lab", "Handshake Lab Issuing CA 1"}, intermediate_key.get(), leaf_issuer,
                               kCaExtensions, clock, days_from_yesterday(kCaValidDays), libctx);
    leaf_issuer = {chain.intermediate.get(), intermediate_key.get()};
  }
  if (self_signed) leaf_issuer = {nullptr, leaf_key.get()};
  const CertRecipe leaf = leaf_recipe(recipe);
  chain.leaf = issue({"Handshake Lab Demo", leaf.subject_cn}, leaf_key.get(), leaf_issuer, leaf_extensions(leaf), clock,
                     leaf_window(recipe), libctx);
  for (const std::string& host : recipe.virtual_hosts) {
    CertRecipe site = leaf;
    site.subject_cn = host;
    site.san = {host};
    chain.virtual_hosts.push_back({host, issue({"Handshake Lab Demo", host}, leaf_key.get(), leaf_issuer,
                                               leaf_extensions(site), clock, leaf_window(recipe), libctx),
                                   {}});
  }
  chain.leaf_key = std::move(leaf_key);
  chain.send_intermediate = fault != CertFault::missing_intermediate;
  if (fault == CertFault::revoked) chain.crl = revoking_crl(leaf_issuer, chain.leaf.get(), clock);
  chain.trusted = trusted_root(fault, chain.root.get(), clock, libctx);
  if (client_leaf) add_client_leaf(chain, self_signed ? Issuer{chain.root.get(), root_key.get()} : leaf_issuer, clock, libctx);
  X509* issuer = leaf_issuer.cert ? leaf_issuer.cert : chain.leaf.get();
  chain.ocsp_response = make_ocsp_response(recipe.ocsp, chain.leaf.get(), issuer, leaf_issuer.key, clock, libctx);
  for (Chain::VirtualHost& host : chain.virtual_hosts)
    host.ocsp_response = make_ocsp_response(recipe.ocsp, host.leaf.get(), issuer, leaf_issuer.key, clock, libctx);
  return chain;
}

}  // namespace hl
