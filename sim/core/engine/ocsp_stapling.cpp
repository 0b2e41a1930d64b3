// The server staples; the client checks the staple, step by step as RFC 6960 §3.2 lists them.
#include "core/engine/ocsp_stapling.hpp"

#include <ctime>
#include <memory>

#include <openssl/ocsp.h>

#include "core/engine/capture.hpp"
#include "core/engine/ossl.hpp"

namespace hl {
namespace {

// How far thisUpdate may lie ahead of the clock, and nextUpdate behind it (OpenSSL's ocsp
// command allows the same five minutes, MAX_VALIDITY_PERIOD).
constexpr std::int64_t kClockSkew = 5 * 60;

using ResponsePtr = std::unique_ptr<OCSP_RESPONSE, ossl::Free<OCSP_RESPONSE_free>>;
using BasicPtr = std::unique_ptr<OCSP_BASICRESP, ossl::Free<OCSP_BASICRESP_free>>;
using CertIdPtr = std::unique_ptr<OCSP_CERTID, ossl::Free<OCSP_CERTID_free>>;

StapleVerdict refuse(std::string status, std::string why) {
  return {std::move(status), false,
          why + " The client refuses the certificate and ends the handshake with bad_certificate_status_response "
                "(RFC 6066 §8: a client that asked must abort when the response is not satisfactory)."};
}

std::string time_text(const ASN1_GENERALIZEDTIME* time) {
  if (time == nullptr) return "(none)";
  std::tm tm{};
  if (!ASN1_TIME_to_tm(time, &tm)) return "(unreadable)";
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text;
}

// -1, 0, 1 as `time` lies before, at or after `clock` + `shift` seconds.
int compare_to_clock(const ASN1_GENERALIZEDTIME* time, std::int64_t clock, std::int64_t shift) {
  std::time_t at = static_cast<std::time_t>(clock + shift);
  return X509_cmp_time(time, &at);
}

// The leaf's issuer: the next certificate of the chain the client has verified.
X509* issuer_of_leaf(SSL* ssl) {
  STACK_OF(X509)* verified = SSL_get0_verified_chain(ssl);
  if (verified == nullptr || sk_X509_num(verified) < 2) return nullptr;
  return sk_X509_value(verified, 1);
}

// What the SingleResponse about the leaf says.
struct LeafStatus {
  int status = -1;
  int reason = -1;
  ASN1_GENERALIZEDTIME* revoked_at = nullptr;
  ASN1_GENERALIZEDTIME* this_update = nullptr;
  ASN1_GENERALIZEDTIME* next_update = nullptr;
};

StapleVerdict judge_status(const LeafStatus& leaf, std::int64_t clock) {
  const std::string window = " (thisUpdate " + time_text(leaf.this_update) + ", nextUpdate " + time_text(leaf.next_update) + ")";
  if (compare_to_clock(leaf.this_update, clock, kClockSkew) > 0)
    return refuse("invalid", "The stapled response is dated in the future" + window + ".");
  if (leaf.next_update != nullptr && compare_to_clock(leaf.next_update, clock, -kClockSkew) < 0)
    return refuse("expired",
                  "The stapled response has expired: its nextUpdate lies before the scenario clock" + window +
                      ". A stale 'good' proves nothing about today: it is exactly what a server whose certificate was "
                      "revoked since could keep stapling (RFC 6960 §3.2 item 6).");
  if (leaf.status == V_OCSP_CERTSTATUS_REVOKED)
    return refuse("revoked", "The CA's signed response says the certificate is revoked since " + time_text(leaf.revoked_at) +
                                 " (reason: " + OCSP_crl_reason_str(leaf.reason) + ")" + window + ".");
  if (leaf.status == V_OCSP_CERTSTATUS_UNKNOWN)
    return refuse("unknown", "The CA's signed response says 'unknown': the responder does not vouch for this certificate "
                             "(RFC 6960 §2.2), so the staple proves nothing" + window + ".");
  return {"good", true,
          "The CA's signed response says 'good': the certificate is not revoked" + window +
              ". The client learned it without asking the CA itself."};
}

StapleVerdict judge_basic(SSL* ssl, OCSP_BASICRESP* basic, std::int64_t clock) {
  X509* leaf = SSL_get0_peer_certificate(ssl);
  X509* issuer = issuer_of_leaf(ssl);
  if (leaf == nullptr || issuer == nullptr)
    return refuse("invalid", "The client has no verified issuer to check the stapled response against.");
  X509_STORE* trusted = SSL_CTX_get_cert_store(SSL_get_SSL_CTX(ssl));
  if (OCSP_basic_verify(basic, SSL_get_peer_cert_chain(ssl), trusted, 0) <= 0)
    return refuse("invalid", "The stapled response's signature does not check out against the leaf's issuer (" +
                                 ossl::take_error("OCSP_basic_verify failed") + ").");
  CertIdPtr id(OCSP_cert_to_id(EVP_sha1(), leaf, issuer));
  LeafStatus status;
  if (!id || OCSP_resp_find_status(basic, id.get(), &status.status, &status.reason, &status.revoked_at,
                                   &status.this_update, &status.next_update) != 1)
    return refuse("invalid", "The stapled response says nothing about this certificate (no SingleResponse for its CertID).");
  return judge_status(status, clock);
}

}  // namespace

StapleVerdict judge_staple(SSL* ssl, std::int64_t clock) {
  const unsigned char* der = nullptr;
  const long der_len = SSL_get_tlsext_status_ocsp_resp(ssl, &der);
  if (der == nullptr || der_len <= 0)
    return {"none", true,
            "The client asked for a stapled OCSP response and got none. It goes on without knowing whether the "
            "certificate was revoked (soft-fail); only a certificate marked must-staple (RFC 7633) would make it refuse."};
  ResponsePtr response(d2i_OCSP_RESPONSE(nullptr, &der, der_len));
  if (!response) return refuse("invalid", "The stapled bytes are not a DER OCSPResponse.");
  const int response_status = OCSP_response_status(response.get());
  if (response_status != OCSP_RESPONSE_STATUS_SUCCESSFUL)
    return refuse("invalid", std::string("The stapled response is an error: responseStatus ") +
                                 OCSP_response_status_str(response_status) + ".");
  BasicPtr basic(OCSP_response_get1_basic(response.get()));
  if (!basic) return refuse("invalid", "The stapled response holds no BasicOCSPResponse.");
  return judge_basic(ssl, basic.get(), clock);
}

int staple_ocsp_response(SSL* ssl, void* arg) {
  const auto* chain = static_cast<const Chain*>(arg);
  const std::vector<std::uint8_t>* der = &chain->ocsp_response;
  X509* serving = SSL_get_certificate(ssl);  // a virtual host's leaf when SNI picked one
  for (const Chain::VirtualHost& host : chain->virtual_hosts)
    if (host.leaf.get() == serving) der = &host.ocsp_response;
  if (der->empty()) return SSL_TLSEXT_ERR_NOACK;
  // OpenSSL takes ownership of the copy and frees it with the connection.
  auto* copy = static_cast<unsigned char*>(OPENSSL_memdup(der->data(), der->size()));
  if (copy == nullptr) return SSL_TLSEXT_ERR_NOACK;
  SSL_set_tlsext_status_ocsp_resp(ssl, copy, static_cast<long>(der->size()));
  return SSL_TLSEXT_ERR_OK;
}

int check_ocsp_staple(SSL* ssl, void* clock) {
  if (SSL_session_reused(ssl)) return 1;  // a resumed connection sees no certificate and no staple
  const StapleVerdict verdict = judge_staple(ssl, *static_cast<const std::int64_t*>(clock));
  if (SideCapture* capture = SideCapture::of(ssl)) capture->report_ocsp(verdict.status, verdict.detail);
  ERR_clear_error();
  return verdict.accept ? 1 : 0;
}

}  // namespace hl
