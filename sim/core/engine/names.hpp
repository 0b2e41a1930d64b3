// Name tables the engine uses to title steps and explain events.
#pragma once

#include <cstdint>
#include <string>

#include "core/model/transcript.hpp"

namespace hl::names {

/// "ClientHello" for handshake type 1, "HelloRetryRequest" for 6; "handshake message 0xNN" when unknown.
std::string handshake_type(std::uint8_t type);

/// "bad_certificate" for alert description 42; "alert 0xNN" when unknown.
std::string alert_description(std::uint8_t description);

/// "Handshake" for record type 22; "record type 0xNN" when unknown.
std::string record_type(std::uint8_t type);

/// The IANA name of an OpenSSL group NID ("x25519", "secp256r1"); "" for NID_undef.
std::string group(int nid);

/// The IANA signature scheme for a peer signature (type NID, digest NID), e.g.
/// "ecdsa_secp256r1_sha256"; "" when there was no signature.
std::string signature_scheme(int type_nid, int digest_nid);

/// OpenSSL's symbolic name of an X509 verify error, "X509_V_ERR_HOSTNAME_MISMATCH" for 62;
/// "X509 verify error N" when the lab's table does not list it.
std::string x509_error(int code);

/// Why OpenSSL reports the chain checks root first (depth 2, 1, 0) while the Certificate
/// message lists the server's own certificate first; shown wherever the checks appear. A server
/// checking a client's chain (mutual TLS) gets the sentence for that side.
const char* chain_check_order(Side checker = Side::client);

/// One or two sentences on what a key log label's secret is for; a generic sentence when unknown.
std::string secret_meaning(const std::string& label);

/// The same, naming what the application data is in this protocol ("http", "smtp", ...).
std::string secret_meaning(const std::string& label, const std::string& protocol);

}  // namespace hl::names
