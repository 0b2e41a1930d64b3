// TLS 1.2 cipher suite lists for the probes: the suites an OpenSSL list enables, filtered.
#pragma once

#include <functional>
#include <string>

#include <openssl/ssl.h>

namespace hl::audit {

/// The TLS 1.2 (and older) suites OpenSSL's `list` enables that match `keep`, in order, as an
/// OpenSSL list ("A:B:C"); "" when none or OpenSSL refuses the list.
std::string tls12_suites_where(const std::string& list, const std::function<bool(const SSL_CIPHER*)>& keep);

/// True for a suite that protects records with CBC (any suite that is not AEAD and not NULL).
bool is_cbc(const SSL_CIPHER* cipher);

/// The CBC probe's client, scenario and live alike: it leaves encrypt_then_mac out, as old clients
/// do, because whether CBC runs MAC-then-encrypt is the client's choice and the server's risk.
inline constexpr const char* kCbcProbeDescription =
    "a TLS 1.2 client offering only CBC suites and no encrypt_then_mac, as old clients do";

/// True for a suite with RSA key transport (TLS_RSA_WITH_...).
bool is_static_rsa(const SSL_CIPHER* cipher);

}  // namespace hl::audit
