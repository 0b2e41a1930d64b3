// The table behind known_rfcs(). Add a row before citing a new RFC in a lesson; mark an
// obsoleted RFC with the one that replaced it.
#include "core/lessons/known_rfcs.hpp"

#include <algorithm>
#include <iterator>

namespace hl {
namespace {

constexpr KnownRfc kRfcs[] = {
    {959, "File Transfer Protocol (FTP)"},
    {1939, "Post Office Protocol - Version 3"},
    {2228, "FTP Security Extensions"},
    {2449, "POP3 Extension Mechanism"},
    {2476, "Message Submission", 6409},
    {2487, "SMTP Service Extension for Secure SMTP over TLS", 3207},
    {2595, "Using TLS with IMAP, POP3 and ACAP"},
    {2817, "Upgrading to TLS Within HTTP/1.1"},
    {2818, "HTTP Over TLS", 9110},
    {2830, "LDAPv3: Extension for Transport Layer Security", 4513},
    {3206, "The SYS and AUTH POP Response Codes"},
    {3207, "SMTP Service Extension for Secure SMTP over Transport Layer Security"},
    {3501, "Internet Message Access Protocol - Version 4rev1", 9051},
    {4217, "Securing FTP with TLS"},
    {4511, "LDAP: The Protocol"},
    {4513, "LDAP: Authentication Methods and Security Mechanisms"},
    {4616, "The PLAIN Simple Authentication and Security Layer (SASL) Mechanism"},
    {4954, "SMTP Service Extension for Authentication"},
    {5077, "TLS Session Resumption without Server-Side State", 8446},
    {5246, "The Transport Layer Security (TLS) Protocol Version 1.2", 8446},
    {5280, "Internet X.509 Public Key Infrastructure Certificate and CRL Profile"},
    {5288, "AES Galois Counter Mode (GCM) Cipher Suites for TLS"},
    {5869, "HMAC-based Extract-and-Expand Key Derivation Function (HKDF)"},
    {6066, "Transport Layer Security (TLS) Extensions: Extension Definitions"},
    {6125, "Representation and Verification of Domain-Based Application Service Identity", 9525},
    {6265, "HTTP State Management Mechanism"},
    {6409, "Message Submission for Mail"},
    {6797, "HTTP Strict Transport Security (HSTS)"},
    {6960, "X.509 Internet Public Key Infrastructure Online Certificate Status Protocol - OCSP"},
    {6962, "Certificate Transparency"},
    {7301, "TLS Application-Layer Protocol Negotiation Extension"},
    {7366, "Encrypt-then-MAC for Transport Layer Security (TLS) and Datagram Transport Layer Security (DTLS)"},
    {7435, "Opportunistic Security: Some Protection Most of the Time"},
    {7465, "Prohibiting RC4 Cipher Suites"},
    {7507, "TLS Fallback Signaling Cipher Suite Value (SCSV) for Preventing Protocol Downgrade Attacks"},
    {7568, "Deprecating Secure Sockets Layer Version 3.0"},
    {7627, "TLS Session Hash and Extended Master Secret Extension"},
    {7633, "X.509v3 Transport Layer Security (TLS) Feature Extension"},
    {7672, "SMTP Security via Opportunistic DNS-Based Authentication of Named Entities (DANE) TLS"},
    {7905, "ChaCha20-Poly1305 Cipher Suites for Transport Layer Security (TLS)"},
    {7918, "Transport Layer Security (TLS) False Start"},
    {8314, "Cleartext Considered Obsolete: Use of TLS for Email Submission and Access"},
    {8446, "The Transport Layer Security (TLS) Protocol Version 1.3"},
    {8461, "SMTP MTA Strict Transport Security (MTA-STS)"},
    {8470, "Using Early Data in HTTP"},
    {8484, "DNS Queries over HTTPS (DoH)"},
    {8555, "Automatic Certificate Management Environment (ACME)"},
    {8689, "SMTP Require TLS Option"},
    {8705, "OAuth 2.0 Mutual-TLS Client Authentication and Certificate-Bound Access Tokens"},
    {8740, "Using TLS 1.3 with HTTP/2"},
    {8996, "Deprecating TLS 1.0 and TLS 1.1"},
    {9000, "QUIC: A UDP-Based Multiplexed and Secure Transport"},
    {9001, "Using TLS to Secure QUIC"},
    {9051, "Internet Message Access Protocol (IMAP) - Version 4rev2"},
    {9110, "HTTP Semantics"},
    {9113, "HTTP/2"},
    {9114, "HTTP/3"},
    {9325, "Recommendations for Secure Use of TLS and DTLS (BCP 195)"},
    {9460, "Service Binding and Parameter Specification via the DNS (SVCB and HTTPS Resource Records)"},
    {9525, "Service Identity in TLS"},
};

}  // namespace

std::span<const KnownRfc> known_rfcs() { return kRfcs; }

const KnownRfc* find_known_rfc(int number) {
  auto it = std::lower_bound(std::begin(kRfcs), std::end(kRfcs), number,
                             [](const KnownRfc& rfc, int n) { return rfc.number < n; });
  return it != std::end(kRfcs) && it->number == number ? &*it : nullptr;
}

}  // namespace hl
