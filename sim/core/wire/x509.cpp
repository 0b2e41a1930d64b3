// Certificate summaries through OpenSSL, and certificate extraction from transcripts.
#include "core/wire/x509.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/obj_mac.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <ctime>
#include <iterator>
#include <memory>

#include "core/wire/decode.hpp"
#include "core/wire/explanations.hpp"
#include "core/wire/fields.hpp"

namespace hl::wire {
namespace {

struct X509Free {
  void operator()(X509* cert) const { X509_free(cert); }
};
struct BioFree {
  void operator()(BIO* bio) const { BIO_free(bio); }
};

std::string name_text(const X509_NAME* name) {
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return "";
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string time_text(const ASN1_TIME* time) {
  struct tm parts {};
  if (!time || ASN1_TIME_to_tm(time, &parts) != 1) return "";
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &parts);
  return text;
}

std::string serial_text(const ASN1_INTEGER* serial) {
  BIGNUM* number = ASN1_INTEGER_to_BN(serial, nullptr);
  if (!number) return "";
  char* hex = BN_bn2hex(number);
  std::string text = hex ? hex : "";
  OPENSSL_free(hex);
  BN_free(number);
  return text;
}

std::vector<std::string> subject_alt_names(X509* cert) {
  std::vector<std::string> names;
  auto* sans = static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (!sans) return names;
  for (int i = 0; i < sk_GENERAL_NAME_num(sans); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(sans, i);
    if (name->type == GEN_DNS) {
      const ASN1_STRING* dns = name->d.dNSName;
      names.push_back("DNS:" + std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                                           static_cast<std::size_t>(ASN1_STRING_length(dns))));
    } else if (name->type == GEN_IPADD) {
      const ASN1_STRING* ip = name->d.iPAddress;
      std::span<const std::uint8_t> bytes(ASN1_STRING_get0_data(ip), static_cast<std::size_t>(ASN1_STRING_length(ip)));
      std::string text;
      for (std::size_t j = 0; bytes.size() == 4 && j < 4; ++j) text += (j ? "." : "") + std::to_string(bytes[j]);
      names.push_back("IP:" + (text.empty() ? to_hex(bytes) : text));
    } else if (name->type == GEN_EMAIL) {
      const ASN1_STRING* mail = name->d.rfc822Name;
      names.push_back("email:" + std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(mail)),
                                             static_cast<std::size_t>(ASN1_STRING_length(mail))));
    }
  }
  GENERAL_NAMES_free(sans);
  return names;
}

struct BitName {
  std::uint32_t bit;
  const char* name;
};

const BitName kKeyUsages[] = {
    {KU_DIGITAL_SIGNATURE, "digitalSignature"}, {KU_NON_REPUDIATION, "nonRepudiation"},
    {KU_KEY_ENCIPHERMENT, "keyEncipherment"},   {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
    {KU_KEY_AGREEMENT, "keyAgreement"},         {KU_KEY_CERT_SIGN, "keyCertSign"},
    {KU_CRL_SIGN, "cRLSign"},                   {KU_ENCIPHER_ONLY, "encipherOnly"},
    {KU_DECIPHER_ONLY, "decipherOnly"},
};

const BitName kExtendedKeyUsages[] = {
    {XKU_SSL_SERVER, "serverAuth"}, {XKU_SSL_CLIENT, "clientAuth"}, {XKU_SMIME, "emailProtection"},
    {XKU_CODE_SIGN, "codeSigning"}, {XKU_OCSP_SIGN, "OCSPSigning"}, {XKU_TIMESTAMP, "timeStamping"},
};

void fill_public_key(X509* cert, CertSummary& out) {
  EVP_PKEY* key = X509_get0_pubkey(cert);
  if (!key) return;
  out.public_key_bits = EVP_PKEY_get_bits(key);
  const char* type = EVP_PKEY_get0_type_name(key);
  out.public_key_type = type ? type : "";
  char curve[64] = {0};
  std::size_t curve_len = 0;
  if (EVP_PKEY_get_utf8_string_param(key, "group", curve, sizeof curve, &curve_len) == 1) out.public_key_detail = curve;
}

void fill_extensions(X509* cert, CertSummary& out) {
  std::uint32_t usage = X509_get_key_usage(cert);
  if (usage != UINT32_MAX) {
    for (const auto& row : kKeyUsages) {
      if (usage & row.bit) out.key_usage.push_back(row.name);
    }
  }
  std::uint32_t extended = X509_get_extended_key_usage(cert);
  if (extended != UINT32_MAX) {
    for (const auto& row : kExtendedKeyUsages) {
      if (extended & row.bit) out.extended_key_usage.push_back(row.name);
    }
  }
  auto* constraints =
      static_cast<BASIC_CONSTRAINTS*>(X509_get_ext_d2i(cert, NID_basic_constraints, nullptr, nullptr));
  if (!constraints) return;
  out.has_basic_constraints = true;
  out.is_ca = constraints->ca != 0;
  if (constraints->pathlen) out.path_len = ASN1_INTEGER_get(constraints->pathlen);
  BASIC_CONSTRAINTS_free(constraints);
}

std::string fingerprint(std::span<const std::uint8_t> der) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_len = 0;
  if (EVP_Digest(der.data(), der.size(), digest, &digest_len, EVP_sha256(), nullptr) != 1) return "";
  std::string text;
  static const char digits[] = "0123456789ABCDEF";
  for (unsigned int i = 0; i < digest_len; ++i) {
    if (i) text.push_back(':');
    text.push_back(digits[digest[i] >> 4]);
    text.push_back(digits[digest[i] & 0x0f]);
  }
  return text;
}

}  // namespace

std::optional<CertSummary> summarize_certificate(std::span<const std::uint8_t> der) {
  const unsigned char* p = der.data();
  std::unique_ptr<X509, X509Free> cert(d2i_X509(nullptr, &p, static_cast<long>(der.size())));
  if (!cert || p != der.data() + der.size()) return std::nullopt;
  CertSummary summary;
  summary.subject = name_text(X509_get_subject_name(cert.get()));
  summary.issuer = name_text(X509_get_issuer_name(cert.get()));
  summary.serial = serial_text(X509_get0_serialNumber(cert.get()));
  summary.not_before = time_text(X509_get0_notBefore(cert.get()));
  summary.not_after = time_text(X509_get0_notAfter(cert.get()));
  summary.san = subject_alt_names(cert.get());
  fill_public_key(cert.get(), summary);
  int signature_nid = X509_get_signature_nid(cert.get());
  summary.signature_algorithm = signature_nid != NID_undef ? OBJ_nid2ln(signature_nid) : "";
  fill_extensions(cert.get(), summary);
  summary.sha256_fingerprint = fingerprint(der);
  return summary;
}

namespace {

// Appends the DER of every cert_data (TLS 1.3) or ASN.1Cert (TLS 1.2) field under field: the
// bytes after its 3-byte length, when the decoder found them whole.
void collect_der(const Field& field, std::span<const std::uint8_t> bytes, std::vector<Bytes>& out) {
  if (field.explain != "cert_data") {
    for (const auto& child : field.children) collect_der(child, bytes, out);
    return;
  }
  if (field.malformed || field.children.empty() || field.children.front().malformed) return;
  const Field& length = field.children.front();
  std::size_t der_start = length.offset + length.length, der_end = field.offset + field.length;
  if (der_end > bytes.size() || der_start >= der_end) return;
  auto der = bytes.subspan(der_start, der_end - der_start);
  out.emplace_back(der.begin(), der.end());
}

}  // namespace

std::vector<Bytes> certificates_in(const Field& message, std::span<const std::uint8_t> bytes) {
  std::vector<Bytes> certs;
  collect_der(message, bytes, certs);
  return certs;
}

// Only Certificate messages hold cert_data fields, so every message of the side is searched.
std::string public_key_explanation(const CertSummary& cert) {
  // OpenSSL's key type name to the OID name the field tree explains; an EC key by its curve.
  struct TypeOid {
    const char* type;
    const char* oid_name;
  };
  constexpr TypeOid kTypes[] = {
      {"RSA", "rsaEncryption"}, {"RSA-PSS", "RSASSA-PSS"}, {"ED25519", "Ed25519"}, {"ED448", "Ed448"},
  };
  std::string oid_name = cert.public_key_type == "EC" ? cert.public_key_detail : "";
  for (const auto& row : kTypes)
    if (cert.public_key_type == row.type) oid_name = row.oid_name;
  const char* text = oid_name.empty() ? nullptr : explanation_text("asn1.OBJECT IDENTIFIER:" + oid_name);
  if (!text) return {};
  std::string sentence = text;  // "{value}: an EdDSA key..." -> "An EdDSA key..."
  constexpr std::string_view kLead = "{value}: ";
  if (sentence.starts_with(kLead)) sentence.erase(0, kLead.size());
  if (!sentence.empty()) sentence[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(sentence[0])));
  return sentence;
}

std::vector<Bytes> certificate_chain(const Transcript& transcript, Side from) {
  std::vector<Bytes> chain;
  for (const auto& message : handshake_messages(transcript)) {
    if (message.from != from) continue;
    auto certs = certificates_in(message.tree, message.bytes);
    chain.insert(chain.end(), std::make_move_iterator(certs.begin()), std::make_move_iterator(certs.end()));
  }
  return chain;
}

}  // namespace hl::wire
