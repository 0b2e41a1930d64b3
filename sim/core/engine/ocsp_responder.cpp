// make_ocsp_response(): one SingleResponse, signed by the issuing CA, at the scenario clock.
#include "core/engine/ocsp_responder.hpp"

#include <ctime>
#include <memory>
#include <stdexcept>
#include <string>

#include <openssl/ocsp.h>

#include "core/engine/ossl.hpp"

namespace hl {
namespace {

constexpr long kOneHour = 60 * 60;
constexpr long kOneDay = 24 * kOneHour;

using TimePtr = std::unique_ptr<ASN1_GENERALIZEDTIME, ossl::Free<ASN1_GENERALIZEDTIME_free>>;
using CertIdPtr = std::unique_ptr<OCSP_CERTID, ossl::Free<OCSP_CERTID_free>>;
using BasicPtr = std::unique_ptr<OCSP_BASICRESP, ossl::Free<OCSP_BASICRESP_free>>;
using ResponsePtr = std::unique_ptr<OCSP_RESPONSE, ossl::Free<OCSP_RESPONSE_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, ossl::Free<EVP_MD_CTX_free>>;

void require(bool ok, const char* what) {
  if (!ok) throw std::runtime_error(std::string("OCSP: ") + what + ": " + ossl::take_error("OpenSSL error"));
}

// What the responder says and when, in seconds from the scenario clock. A fresh response was
// produced an hour ago and is good for four days; the stale one ran out three days ago.
struct Statement {
  int cert_status;        // V_OCSP_CERTSTATUS_*
  long this_update;
  long next_update;
  long revocation_time;   // revoked only
};

struct StatementRow {
  OcspStaple staple;
  Statement says;
};
constexpr StatementRow kStatements[] = {
    {OcspStaple::good, {V_OCSP_CERTSTATUS_GOOD, -kOneHour, 4 * kOneDay, 0}},
    {OcspStaple::revoked, {V_OCSP_CERTSTATUS_REVOKED, -kOneHour, 4 * kOneDay, -kOneDay}},
    {OcspStaple::unknown, {V_OCSP_CERTSTATUS_UNKNOWN, -kOneHour, 4 * kOneDay, 0}},
    {OcspStaple::expired, {V_OCSP_CERTSTATUS_GOOD, -10 * kOneDay, -3 * kOneDay, 0}},
};

Statement statement_for(OcspStaple staple) {
  for (const StatementRow& row : kStatements)
    if (row.staple == staple) return row.says;
  throw std::runtime_error("OCSP: no statement for this staple");
}

// A GeneralizedTime `offset` seconds from the scenario clock (never the machine's clock).
TimePtr time_at(std::int64_t clock, long offset) {
  TimePtr time(ASN1_GENERALIZEDTIME_set(nullptr, static_cast<std::time_t>(clock + offset)));
  require(time != nullptr, "time");
  return time;
}

// OCSP_basic_sign_ctx() stamps producedAt with the machine's clock unless told OCSP_NOTIME, and
// OpenSSL has no setter for it: the field exists from OCSP_BASICRESP_new(), so it is set in place.
void set_produced_at(OCSP_BASICRESP* basic, std::int64_t clock, long offset) {
  auto* produced_at = const_cast<ASN1_GENERALIZEDTIME*>(OCSP_resp_get0_produced_at(basic));
  require(produced_at != nullptr &&
              ASN1_GENERALIZEDTIME_set(produced_at, static_cast<std::time_t>(clock + offset)) != nullptr,
          "producedAt");
}

void add_status(OCSP_BASICRESP* basic, const Statement& says, X509* leaf, X509* issuer, std::int64_t clock) {
  CertIdPtr id(OCSP_cert_to_id(EVP_sha1(), leaf, issuer));
  require(id != nullptr, "CertID");
  const TimePtr this_update = time_at(clock, says.this_update);
  const TimePtr next_update = time_at(clock, says.next_update);
  const TimePtr revoked_at = time_at(clock, says.revocation_time);
  const bool revoked = says.cert_status == V_OCSP_CERTSTATUS_REVOKED;
  require(OCSP_basic_add1_status(basic, id.get(), says.cert_status, revoked ? OCSP_REVOKED_STATUS_KEYCOMPROMISE : 0,
                                 revoked ? revoked_at.get() : nullptr, this_update.get(), next_update.get()) != nullptr,
          "SingleResponse");
}

// ECDSA with SHA-256 through a digest context fetched from libctx: a seeded context gives the
// signature's nonce, so the response repeats byte for byte.
void sign(OCSP_BASICRESP* basic, X509* issuer, EVP_PKEY* issuer_key, OSSL_LIB_CTX* libctx) {
  MdCtxPtr md(EVP_MD_CTX_new());
  require(md != nullptr && EVP_DigestSignInit_ex(md.get(), nullptr, "SHA256", libctx, nullptr, issuer_key, nullptr) == 1,
          "signing context");
  require(OCSP_basic_sign_ctx(basic, issuer, md.get(), nullptr, OCSP_NOCERTS | OCSP_NOTIME) == 1, "signature");
}

std::vector<std::uint8_t> der_of(OCSP_RESPONSE* response) {
  const int len = i2d_OCSP_RESPONSE(response, nullptr);
  require(len > 0, "DER length");
  std::vector<std::uint8_t> der(static_cast<std::size_t>(len));
  unsigned char* p = der.data();
  require(i2d_OCSP_RESPONSE(response, &p) == len, "DER");
  return der;
}

}  // namespace

std::vector<std::uint8_t> make_ocsp_response(OcspStaple staple, X509* leaf, X509* issuer, EVP_PKEY* issuer_key,
                                             std::int64_t clock, OSSL_LIB_CTX* libctx) {
  if (staple == OcspStaple::off) return {};
  const Statement says = statement_for(staple);
  BasicPtr basic(OCSP_BASICRESP_new());
  require(basic != nullptr, "BasicOCSPResponse");
  add_status(basic.get(), says, leaf, issuer, clock);
  set_produced_at(basic.get(), clock, says.this_update);
  sign(basic.get(), issuer, issuer_key, libctx);
  ResponsePtr response(OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic.get()));
  require(response != nullptr, "OCSPResponse");
  return der_of(response.get());
}

}  // namespace hl
