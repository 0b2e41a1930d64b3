// In-memory PKI: a root CA, an optional intermediate and a server leaf, built with the
// OpenSSL 3 key and X509 APIs. Nothing is written to disk.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/engine/ossl.hpp"
#include "core/engine/scenario.hpp"

namespace hl {

/// A certificate chain, the leaf's private key, and what the client trusts and knows.
struct Chain {
  ossl::X509Ptr root;
  ossl::X509Ptr intermediate;  // null when the recipe has none
  ossl::X509Ptr leaf;
  ossl::PkeyPtr leaf_key;
  ossl::X509Ptr trusted;        // the root in the client's trust store (not `root` for CertFault::unknown_ca)
  ossl::CrlPtr crl;             // the leaf issuer's CRL the client checks (CertFault::revoked only)
  bool send_intermediate = true;  // false: the server's Certificate message leaves it out
  std::vector<std::uint8_t> ocsp_response;  // DER OCSPResponse about `leaf` the server staples (empty: recipe.ocsp off)
  /// One more site the server hosts (recipe.virtual_hosts): a leaf naming only `name`, from the same
  /// issuer and with the same key as `leaf`, which is the default for a ClientHello without a known name.
  struct VirtualHost {
    std::string name;
    ossl::X509Ptr leaf;
    std::vector<std::uint8_t> ocsp_response;  // about this leaf, as ocsp_response is about the default one
  };
  std::vector<VirtualHost> virtual_hosts;
  ossl::X509Ptr client_leaf;    // mutual TLS: the client's certificate (clientAuth), from the leaf's CA; null unless asked for
  ossl::PkeyPtr client_key;     // its ECDSA P-256 key
};

/// The subject common name of the client's certificate (build_chain with a client leaf).
inline constexpr const char* kClientCertName = "service-a.example.com";

/// True when `name` is an IPv4 or IPv6 address literal (the leaf then names it as an iPAddress).
bool is_ip_literal(const std::string& name);

/// The leaf key type a recipe needs: RSA-1024 for CertFault::weak_key, else recipe.key.
KeyType leaf_key_type(const CertRecipe& recipe);

/// A fresh key of `type` drawn from `libctx` (nullptr: the default context).
/// Throws std::runtime_error when OpenSSL fails.
ossl::PkeyPtr generate_key(KeyType type, OSSL_LIB_CTX* libctx);

/// Builds root -> [intermediate] -> leaf for `recipe` around scenario time `clock`, with
/// `leaf_key` as the leaf's key (its reference is taken), broken as recipe.fault says; with
/// `client_leaf`, also a client certificate from the same CAs (never broken); then the issuer's
/// OCSP response about each server leaf when recipe.ocsp asks for one. Both are made last, so the
/// server's certificates are the same bytes with or without them.
/// CAs use ECDSA P-256 and SHA-256.
/// Throws std::runtime_error when OpenSSL fails.
Chain build_chain(const CertRecipe& recipe, std::int64_t clock, ossl::PkeyPtr leaf_key, OSSL_LIB_CTX* libctx,
                  bool client_leaf = false);

}  // namespace hl
