// OCSP stapling between the two endpoints (RFC 6066 §8; TLS 1.3: RFC 8446 §4.4.2.1): the
// server's callback that staples the CA's response, and the client's that checks it.
#pragma once

#include <cstdint>
#include <string>

#include <openssl/ssl.h>

#include "core/engine/pki.hpp"

namespace hl {

/// The client's verdict on a stapled OCSP response: "good", "revoked", "unknown", "expired",
/// "invalid" (unreadable, badly signed, about another certificate, not yet valid) or "none"
/// (nothing stapled), whether it goes on, and one or two sentences saying why.
struct StapleVerdict {
  std::string status = "none";
  bool accept = true;
  std::string detail;
};

/// Checks the response stapled on `ssl` (a client that has verified the server's chain) as
/// RFC 6960 §3.2 asks, at scenario time `clock`: it parses, it is signed by the leaf's issuer
/// (OCSP_basic_verify against the client's trust store), it names the leaf (OCSP_resp_find_status),
/// it is current (thisUpdate/nextUpdate, as OCSP_check_validity checks them, but at `clock`), and
/// its certStatus. Only a current `good` is accepted; nothing stapled is accepted too (soft-fail).
StapleVerdict judge_staple(SSL* ssl, std::int64_t clock);

/// Server side: staples the response about the certificate `ssl` is about to send, from the
/// chain it was given with SSL_CTX_set_tlsext_status_arg (a const Chain*).
int staple_ocsp_response(SSL* ssl, void* chain);

/// Client side: judge_staple() at the clock given with SSL_CTX_set_tlsext_status_arg (a const
/// std::int64_t*), reported on the client's SideCapture. Returns 1 to go on and 0 to refuse, which
/// makes OpenSSL end the handshake with bad_certificate_status_response (RFC 6066 §8).
int check_ocsp_staple(SSL* ssl, void* clock);

}  // namespace hl
