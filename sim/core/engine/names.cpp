// The tables behind names.hpp (IANA TLS registries, RFC 8446, RFC 5246).
#include "core/engine/names.hpp"

#include "core/wire/names.hpp"

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <span>

#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/x509_vfy.h>

namespace hl::names {
namespace {

// Display names keyed by code (or OpenSSL NID), looked up like the decoder's IANA tables.
using wire::CodeName;

const char* lookup(std::span<const CodeName> table, int code) {
  return code < 0 ? nullptr : wire::find_name(table, static_cast<std::uint32_t>(code));
}

std::string hex_fallback(const char* prefix, int code) {
  char text[32];
  std::snprintf(text, sizeof text, "%s 0x%02X", prefix, static_cast<unsigned>(code));
  return text;
}

// OpenSSL's own symbolic names for the verify errors a lesson can meet (x509_vfy.h).
#define HL_X509_ERROR(code) {code, #code}
constexpr CodeName kX509Errors[] = {
    HL_X509_ERROR(X509_V_OK),
    HL_X509_ERROR(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT),
    HL_X509_ERROR(X509_V_ERR_UNABLE_TO_GET_CRL),
    HL_X509_ERROR(X509_V_ERR_CERT_SIGNATURE_FAILURE),
    HL_X509_ERROR(X509_V_ERR_CRL_SIGNATURE_FAILURE),
    HL_X509_ERROR(X509_V_ERR_CERT_NOT_YET_VALID),
    HL_X509_ERROR(X509_V_ERR_CERT_HAS_EXPIRED),
    HL_X509_ERROR(X509_V_ERR_CRL_NOT_YET_VALID),
    HL_X509_ERROR(X509_V_ERR_CRL_HAS_EXPIRED),
    HL_X509_ERROR(X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT),
    HL_X509_ERROR(X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN),
    HL_X509_ERROR(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY),
    HL_X509_ERROR(X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE),
    HL_X509_ERROR(X509_V_ERR_CERT_CHAIN_TOO_LONG),
    HL_X509_ERROR(X509_V_ERR_CERT_REVOKED),
    HL_X509_ERROR(X509_V_ERR_INVALID_CA),
    HL_X509_ERROR(X509_V_ERR_INVALID_PURPOSE),
    HL_X509_ERROR(X509_V_ERR_CERT_UNTRUSTED),
    HL_X509_ERROR(X509_V_ERR_CERT_REJECTED),
    HL_X509_ERROR(X509_V_ERR_KEYUSAGE_NO_CERTSIGN),
    HL_X509_ERROR(X509_V_ERR_HOSTNAME_MISMATCH),
    HL_X509_ERROR(X509_V_ERR_EE_KEY_TOO_SMALL),
    HL_X509_ERROR(X509_V_ERR_CA_KEY_TOO_SMALL),
    HL_X509_ERROR(X509_V_ERR_CA_MD_TOO_WEAK),
};
#undef HL_X509_ERROR

constexpr CodeName kRecordTypes[] = {
    {20, "ChangeCipherSpec"}, {21, "Alert"}, {22, "Handshake"}, {23, "Application Data"}, {24, "Heartbeat"},
};

constexpr CodeName kGroups[] = {
    {NID_X25519, "x25519"},         {NID_X448, "x448"},           {NID_X9_62_prime256v1, "secp256r1"},
    {NID_secp384r1, "secp384r1"},   {NID_secp521r1, "secp521r1"}, {NID_ffdhe2048, "ffdhe2048"},
    {NID_ffdhe3072, "ffdhe3072"},   {NID_ffdhe4096, "ffdhe4096"}, {NID_ffdhe6144, "ffdhe6144"},
    {NID_ffdhe8192, "ffdhe8192"},
};

struct SchemeRow {
  int type_nid;
  int digest_nid;
  const char* name;
};

// OpenSSL reports RSA-PSS as EVP_PKEY_RSA_PSS; our leaves carry rsaEncryption keys, hence "rsae".
constexpr SchemeRow kSchemes[] = {
    {EVP_PKEY_EC, NID_sha256, "ecdsa_secp256r1_sha256"},  {EVP_PKEY_EC, NID_sha384, "ecdsa_secp384r1_sha384"},
    {EVP_PKEY_EC, NID_sha512, "ecdsa_secp521r1_sha512"},  {EVP_PKEY_EC, NID_sha1, "ecdsa_sha1"},
    {EVP_PKEY_RSA_PSS, NID_sha256, "rsa_pss_rsae_sha256"}, {EVP_PKEY_RSA_PSS, NID_sha384, "rsa_pss_rsae_sha384"},
    {EVP_PKEY_RSA_PSS, NID_sha512, "rsa_pss_rsae_sha512"}, {EVP_PKEY_RSA, NID_sha256, "rsa_pkcs1_sha256"},
    {EVP_PKEY_RSA, NID_sha384, "rsa_pkcs1_sha384"},       {EVP_PKEY_RSA, NID_sha512, "rsa_pkcs1_sha512"},
    {EVP_PKEY_RSA, NID_sha1, "rsa_pkcs1_sha1"},           {EVP_PKEY_ED25519, NID_undef, "ed25519"},
    {EVP_PKEY_ED448, NID_undef, "ed448"},
};

struct LabelMeaning {
  const char* label;
  const char* meaning;
};

constexpr LabelMeaning kSecrets[] = {
    {"CLIENT_HANDSHAKE_TRAFFIC_SECRET",
     "The secret that protects the client's handshake messages, derived from the key exchange. "
     "From here on the client's handshake messages are encrypted."},
    {"SERVER_HANDSHAKE_TRAFFIC_SECRET",
     "The secret that protects the server's handshake messages, derived from the key exchange. "
     "Everything the server sends after its ServerHello is encrypted with it."},
    {"CLIENT_TRAFFIC_SECRET_0", "The secret that protects the client's application data."},
    {"SERVER_TRAFFIC_SECRET_0", "The secret that protects the server's application data."},
    // OpenSSL 3.0's label for an updated secret (KeyUpdate, RFC 8446 §7.2): a literal N, no generation number.
    {"CLIENT_TRAFFIC_SECRET_N", "The client's next application traffic secret, after a KeyUpdate (RFC 8446 §7.2): OpenSSL "
                                "logs it under this label, which NSS key log readers such as Wireshark do not know."},
    {"SERVER_TRAFFIC_SECRET_N", "The server's next application traffic secret, after a KeyUpdate (RFC 8446 §7.2): OpenSSL "
                                "logs it under this label, which NSS key log readers such as Wireshark do not know."},
    {"EXPORTER_SECRET", "A secret other protocols can derive their own keys from; it never protects TLS records."},
    {"EARLY_EXPORTER_SECRET", "An exporter secret available with 0-RTT early data."},
    {"CLIENT_EARLY_TRAFFIC_SECRET", "The secret that protects 0-RTT early data sent before the handshake ends."},
    {"RSA",
     "The pre-master secret, which the client encrypted to the server's RSA key. Whoever ever gets that key "
     "can decrypt it from a recording: RSA key exchange has no forward secrecy."},
    {"CLIENT_RANDOM",
     "The TLS 1.2 master secret: both sides derive every key of this connection from it and the two randoms. "
     "Whoever holds it can decrypt the whole connection."},
};

// What each side's application data is in each protocol, for the traffic secrets' meaning.
struct ProtocolData {
  const char* protocol;
  const char* client;
  const char* server;
};

constexpr ProtocolData kProtocolData[] = {
    {"http", "the HTTP request", "the HTTP response"},
    {"smtp", "EHLO, AUTH, the envelope and the message", "the SMTP replies"},
    {"imap", "the LOGIN and the other IMAP commands", "the IMAP replies and the mail"},
    {"pop3", "USER, PASS and the other POP3 commands", "the POP3 replies and the mail"},
    {"ftp", "USER, PASS and the other FTP commands", "the FTP replies"},
    {"ldap", "the bind and the search requests", "the bind response and the search results"},
};

}  // namespace

std::string handshake_type(std::uint8_t type) {
  const char* name = wire::handshake_type_title(type);  // the one HandshakeType table
  return name ? name : hex_fallback("handshake message", type);
}

std::string alert_description(std::uint8_t description) {
  const char* name = wire::alert_description_name(description);  // the decoder's IANA table
  return name ? name : hex_fallback("alert", description);
}

std::string record_type(std::uint8_t type) {
  const char* name = lookup(kRecordTypes, type);
  return name ? name : hex_fallback("record type", type);
}

std::string group(int nid) {
  if (nid == NID_undef) return {};
  const char* name = lookup(kGroups, nid);
  if (name) return name;
  const char* short_name = OBJ_nid2sn(nid);
  return short_name ? short_name : hex_fallback("group", nid);
}

std::string signature_scheme(int type_nid, int digest_nid) {
  if (type_nid == NID_undef) return {};
  auto row = std::find_if(std::begin(kSchemes), std::end(kSchemes),
                          [&](const SchemeRow& r) { return r.type_nid == type_nid && r.digest_nid == digest_nid; });
  if (row != std::end(kSchemes)) return row->name;
  const char* type = OBJ_nid2sn(type_nid);
  const char* digest = OBJ_nid2sn(digest_nid);
  return std::string(type ? type : "?") + "+" + (digest ? digest : "?");
}

std::string secret_meaning(const std::string& label) {
  auto row = std::find_if(std::begin(kSecrets), std::end(kSecrets),
                          [&](const LabelMeaning& r) { return label == r.label; });
  if (row != std::end(kSecrets)) return row->meaning;
  return "A secret derived during the handshake.";
}

std::string secret_meaning(const std::string& label, const std::string& protocol) {
  std::string meaning = secret_meaning(label);
  const bool client = label == "CLIENT_TRAFFIC_SECRET_0", server = label == "SERVER_TRAFFIC_SECRET_0";
  auto row = std::find_if(std::begin(kProtocolData), std::end(kProtocolData),
                          [&](const ProtocolData& r) { return protocol == r.protocol; });
  if ((!client && !server) || row == std::end(kProtocolData)) return meaning;
  meaning.pop_back();  // the full stop
  return meaning + " (here: " + (client ? row->client : row->server) + ").";
}

std::string x509_error(int code) {
  const char* name = lookup(kX509Errors, code);
  return name ? name : "X509 verify error " + std::to_string(code);
}

const char* chain_check_order(Side checker) {
  if (checker == Side::server)
    return "The server checks the client's chain as a client checks a server's: from the root it trusts down to the "
           "client's own certificate (depth 0), which must allow client authentication (extendedKeyUsage clientAuth).";
  return "OpenSSL reports its checks from the top down: the root it trusts (the highest depth) first, then each CA "
         "below it, and the server's own certificate (depth 0) last, as it verifies each signature with the key of the "
         "certificate above. The Certificate message lists them the other way round: the server's own certificate "
         "first, each following one certifying the one before it (RFC 8446 §4.4.2).";
}

}  // namespace hl::names
