// OID names (RFC 5280, RFC 8017, RFC 5480, RFC 8410, RFC 6960, CA/Browser Forum, RFC 6962) as a static table.
#include "core/wire/oids.hpp"

namespace hl::wire {
namespace {

struct OidName {
  const char* dotted;
  const char* name;
};

const OidName kOids[] = {
    // Attribute types in names (X.520)
    {"2.5.4.3", "commonName"},
    {"2.5.4.4", "surname"},
    {"2.5.4.5", "serialNumber"},
    {"2.5.4.6", "countryName"},
    {"2.5.4.7", "localityName"},
    {"2.5.4.8", "stateOrProvinceName"},
    {"2.5.4.9", "streetAddress"},
    {"2.5.4.10", "organizationName"},
    {"2.5.4.11", "organizationalUnitName"},
    {"2.5.4.12", "title"},
    {"2.5.4.42", "givenName"},
    {"0.9.2342.19200300.100.1.25", "domainComponent"},
    {"1.2.840.113549.1.9.1", "emailAddress"},
    // Public key and signature algorithms
    {"1.2.840.113549.1.1.1", "rsaEncryption"},
    {"1.2.840.113549.1.1.4", "md5WithRSAEncryption"},
    {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption"},
    {"1.2.840.113549.1.1.10", "RSASSA-PSS"},
    {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption"},
    {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption"},
    {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption"},
    {"1.2.840.113549.1.1.8", "MGF1"},
    {"1.2.840.10040.4.1", "dsa"},
    {"1.2.840.10045.2.1", "ecPublicKey"},
    {"1.2.840.10045.3.1.7", "prime256v1 (secp256r1)"},
    {"1.3.132.0.34", "secp384r1"},
    {"1.3.132.0.35", "secp521r1"},
    {"1.2.840.10045.4.1", "ecdsa-with-SHA1"},
    {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256"},
    {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384"},
    {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512"},
    {"1.3.101.110", "X25519"},
    {"1.3.101.111", "X448"},
    {"1.3.101.112", "Ed25519"},
    {"1.3.101.113", "Ed448"},
    {"2.16.840.1.101.3.4.2.1", "sha256"},
    {"2.16.840.1.101.3.4.2.2", "sha384"},
    {"2.16.840.1.101.3.4.2.3", "sha512"},
    {"1.3.14.3.2.26", "sha1"},
    // Certificate extensions (RFC 5280 §4.2)
    {"2.5.29.14", "subjectKeyIdentifier"},
    {"2.5.29.15", "keyUsage"},
    {"2.5.29.17", "subjectAltName"},
    {"2.5.29.18", "issuerAltName"},
    {"2.5.29.19", "basicConstraints"},
    {"2.5.29.30", "nameConstraints"},
    {"2.5.29.31", "cRLDistributionPoints"},
    {"2.5.29.32", "certificatePolicies"},
    {"2.5.29.32.0", "anyPolicy"},
    {"2.5.29.35", "authorityKeyIdentifier"},
    {"2.5.29.36", "policyConstraints"},
    {"2.5.29.37", "extKeyUsage"},
    {"2.5.29.37.0", "anyExtendedKeyUsage"},
    {"1.3.6.1.5.5.7.1.1", "authorityInfoAccess"},
    {"1.3.6.1.5.5.7.1.24", "tlsfeature"},
    {"1.3.6.1.5.5.7.48.1", "ocsp"},
    // OCSP (RFC 6960 §4.2.1, §4.4)
    {"1.3.6.1.5.5.7.48.1.1", "id-pkix-ocsp-basic"},
    {"1.3.6.1.5.5.7.48.1.2", "id-pkix-ocsp-nonce"},
    {"1.3.6.1.5.5.7.48.1.3", "id-pkix-ocsp-crl"},
    {"1.3.6.1.5.5.7.48.1.4", "id-pkix-ocsp-response"},
    {"1.3.6.1.5.5.7.48.1.5", "id-pkix-ocsp-nocheck"},
    {"1.3.6.1.5.5.7.48.1.6", "id-pkix-ocsp-archive-cutoff"},
    {"1.3.6.1.5.5.7.48.1.7", "id-pkix-ocsp-service-locator"},
    {"2.5.29.21", "cRLReason"},
    {"1.3.6.1.5.5.7.48.2", "caIssuers"},
    {"1.3.6.1.5.5.7.3.1", "serverAuth"},
    {"1.3.6.1.5.5.7.3.2", "clientAuth"},
    {"1.3.6.1.5.5.7.3.3", "codeSigning"},
    {"1.3.6.1.5.5.7.3.4", "emailProtection"},
    {"1.3.6.1.5.5.7.3.8", "timeStamping"},
    {"1.3.6.1.5.5.7.3.9", "OCSPSigning"},
    {"1.3.6.1.4.1.11129.2.4.2", "signedCertificateTimestampList"},
    {"1.3.6.1.4.1.11129.2.4.3", "precertificatePoison"},
    {"2.16.840.1.113730.1.1", "netscapeCertType"},
    {"2.16.840.1.113730.1.13", "netscapeComment"},
    // CA/Browser Forum certificate policies
    {"2.23.140.1.1", "extended-validation"},
    {"2.23.140.1.2.1", "domain-validated"},
    {"2.23.140.1.2.2", "organization-validated"},
    {"2.23.140.1.2.3", "individual-validated"},
};

}  // namespace

const char* oid_name(std::string_view dotted) {
  for (const auto& row : kOids) {
    if (dotted == row.dotted) return row.name;
  }
  return nullptr;
}

}  // namespace hl::wire
