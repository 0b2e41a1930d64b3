// Certificate summaries for the app's certificate pane and the decoder, and the way to get
// every certificate's DER out of a transcript. (The DER structure itself is decode_der().)
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/model/field.hpp"
#include "core/model/transcript.hpp"

namespace hl::wire {

/// What a person wants to know about one certificate.
struct CertSummary {
  std::string subject;              // one line, RFC 2253 style: "CN=www.example.com,O=Example"
  std::string issuer;
  std::string serial;               // hex
  std::string not_before;           // "2026-09-20 12:00:00 UTC"
  std::string not_after;
  std::vector<std::string> san;     // "DNS:www.example.com", "IP:192.0.2.1"
  std::string public_key_type;      // "RSA", "EC", "ED25519"
  int public_key_bits = 0;
  std::string public_key_detail;    // curve name for EC keys ("prime256v1"), empty otherwise
  std::string signature_algorithm;  // "sha256WithRSAEncryption", "ecdsa-with-SHA256"
  std::vector<std::string> key_usage;      // "digitalSignature", "keyCertSign"...
  std::vector<std::string> extended_key_usage;  // "serverAuth"...
  bool is_ca = false;               // basicConstraints cA
  std::optional<long> path_len;     // basicConstraints pathLenConstraint
  bool has_basic_constraints = false;
  std::string sha256_fingerprint;   // "AB:CD:..." over the DER
};

/// What the certificate's key type means, in a sentence (the explanation of its algorithm or
/// curve OID in the field tree); empty for a type the lab does not explain.
std::string public_key_explanation(const CertSummary& cert);

/// Summarizes one DER certificate; nullopt if OpenSSL cannot parse it (or bytes are left over).
std::optional<CertSummary> summarize_certificate(std::span<const std::uint8_t> der);

/// Every certificate `from` sent in Certificate messages of the transcript, leaf first, read
/// from the decoder's reassembled messages (plaintext TLS 1.2 and decrypted TLS 1.3 alike).
std::vector<Bytes> certificate_chain(const Transcript& transcript, Side from);

/// The DER of every certificate in a decoded tree (a Certificate message, or a record holding
/// one): the cert_data fields the decoder found whole. bytes are what the tree's offsets index.
std::vector<Bytes> certificates_in(const Field& tree, std::span<const std::uint8_t> bytes);

}  // namespace hl::wire
