// The OCSP response decoder (RFC 6960 §4.2.1) on a real response the lab's CA signed (seed 7,
// ocsp=good, TLS 1.2), under both places TLS carries it, beside its bad twins: truncated at every
// length, overlong lengths, trailing bytes, wrong tags, an indefinite length, and every byte flipped.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "core/wire/decode.hpp"
#include "core/wire/decoders.hpp"
#include "test_wire_support.hpp"

using hl::Field;
using hl::test::count_malformed;
using hl::test::coverage_error;
using hl::test::find_field;
using hl::test::from_hex;
using hl::test::require_field;
using Bytes = std::vector<std::uint8_t>;

namespace {

// OCSPResponse: successful, basic; byName "Handshake Lab Issuing CA 1", producedAt 2026-09-21 13:13:20,
// one SingleResponse (SHA-1 CertID, serial 5ee95ad1...0147, good, thisUpdate 2026-09-21 13:13:20,
// nextUpdate 2026-09-25 14:13:20), ecdsa-with-SHA256.
const Bytes kGood = from_hex(
    "3082013e0a0100a08201373082013306092b060105050730010104820124308201203081c7a13f303d31163014060355"
    "040a0c0d48616e647368616b65204c61623123302106035504030c1a48616e647368616b65204c61622049737375696e"
    "672043412031180f32303236303932313133313332305a307330713049300906052b0e03021a0500041476ee79ce086e"
    "5feb8605900092ce2dc9f2e7612904148607bd55ac6ca914adc7aa3623e64cea1c95d71b02105ee95ad1a9745ab167df"
    "ae51726b01478000180f32303236303932313133313332305aa011180f32303236303932353134313332305a300a0608"
    "2a8648ce3d0403020348003045022100f0d30aa3ec06ed0bdc6af2c398b7413135b7b03cf851407eba3c3af535936009"
    "022005065ef05e1ce633b27d56357369288a02ec72edbda5d5122fcce09d44596d1c");

// Offsets into kGood, read off the tree of the good case.
constexpr std::size_t kResponseStatusTag = 4;  // 0a 01 00
constexpr std::size_t kCertStatusTag = 0xc6;   // 80 00 (good)

std::vector<Field> decode(const Bytes& der) {
  hl::wire::Cursor c(der);
  std::vector<Field> fields;
  hl::wire::decode_ocsp_response(c, fields);
  hl::wire::expect_end(c, fields, "the OCSPResponse");  // a shorter length leaves bytes for the caller
  return fields;
}

// opaque OCSPResponse<1..2^24-1>, as CertificateStatus and the TLS 1.3 extension carry it.
Bytes u24_vector(const Bytes& der) {
  Bytes out = {static_cast<std::uint8_t>(der.size() >> 16), static_cast<std::uint8_t>(der.size() >> 8),
               static_cast<std::uint8_t>(der.size())};
  out.insert(out.end(), der.begin(), der.end());
  return out;
}

void check_every_field_explained(const std::vector<Field>& fields) {
  for (const Field& field : fields) {
    INFO(field.name << " (" << field.explain << ")");
    CHECK_FALSE(hl::wire::explain(field).empty());
    check_every_field_explained(field.children);
  }
}

}  // namespace

TEST_CASE("OCSP: a good response, field by field, with the RFC 6960 names") {
  const auto fields = decode(kGood);
  CHECK(coverage_error(fields, 0, kGood.size()) == "");
  CHECK(count_malformed(fields) == 0);
  CHECK(require_field(fields, "OCSPResponse").value == "successful (0)");
  CHECK(require_field(fields, "responseStatus").offset == kResponseStatusTag);
  CHECK(require_field(fields, "responseType").value == "id-pkix-ocsp-basic (1.3.6.1.5.5.7.48.1.1)");
  CHECK(require_field(fields, "responderID (byName)").value == "CN=\"Handshake Lab Issuing CA 1\"");
  CHECK(require_field(fields, "producedAt").value == "2026-09-21 13:13:20 UTC");
  CHECK(require_field(fields, "responses").value == "1 SingleResponse");
  CHECK(require_field(fields, "hashAlgorithm").value == "sha1 (1.3.14.3.2.26)");
  CHECK(require_field(fields, "issuerNameHash").value == "76ee79ce086e5feb8605900092ce2dc9f2e76129");
  CHECK(require_field(fields, "issuerKeyHash").value == "8607bd55ac6ca914adc7aa3623e64cea1c95d71b");
  CHECK(require_field(fields, "serialNumber").value == "5ee95ad1a9745ab167dfae51726b0147");
  const Field& status = require_field(fields, "certStatus");
  CHECK(status.value == "good");
  CHECK(status.offset == kCertStatusTag);
  CHECK(status.length == 2);
  CHECK(require_field(fields, "thisUpdate").value == "2026-09-21 13:13:20 UTC");
  CHECK(require_field(fields, "nextUpdate").value == "2026-09-25 14:13:20 UTC");
  CHECK(require_field(fields, "signatureAlgorithm").value == "ecdsa-with-SHA256 (1.2.840.10045.4.3.2)");
  CHECK_THAT(require_field(fields, "signature").value, Catch::StartsWith("71 bytes: 3045022100f0d3"));
  check_every_field_explained(fields);
}

TEST_CASE("OCSP: the response inside TLS 1.2's CertificateStatus and TLS 1.3's CertificateEntry extension") {
  // Handshake: certificate_status (22), length, status_type ocsp (1), OCSPResponse<1..2^24-1>.
  Bytes body = {0x01};
  const Bytes vector = u24_vector(kGood);
  body.insert(body.end(), vector.begin(), vector.end());
  Bytes message = {22};
  const Bytes framed = u24_vector(body);
  message.insert(message.end(), framed.begin(), framed.end());
  hl::wire::DecodeContext tls12;
  tls12.version = 0x0303;
  hl::wire::Cursor c(message);
  std::vector<Field> fields;
  hl::wire::decode_handshake_message(c, fields, tls12);
  CHECK(coverage_error(fields, 0, message.size()) == "");
  CHECK(count_malformed(fields) == 0);
  CHECK(require_field(fields, "ocsp_response").value == "322 bytes, certStatus good");
  CHECK(require_field(fields, "OCSPResponse").offset == 1 + 3 + 1 + 3);

  // Extensions block: status_request (5), extension_data = CertificateStatus.
  Bytes extension = {0x00, 0x05, static_cast<std::uint8_t>(body.size() >> 8), static_cast<std::uint8_t>(body.size())};
  extension.insert(extension.end(), body.begin(), body.end());
  Bytes block = {static_cast<std::uint8_t>(extension.size() >> 8), static_cast<std::uint8_t>(extension.size())};
  block.insert(block.end(), extension.begin(), extension.end());
  hl::wire::DecodeContext tls13;
  tls13.version = 0x0304;
  hl::wire::Cursor e(block);
  std::vector<Field> ext_fields;
  hl::wire::decode_extension_block(e, ext_fields, hl::wire::ExtensionHost::certificate, 0, tls13);
  CHECK(coverage_error(ext_fields, 0, block.size()) == "");
  CHECK(count_malformed(ext_fields) == 0);
  CHECK(require_field(ext_fields, "certStatus").value == "good");
}

TEST_CASE("OCSP bad input: cut short at every length, it stops with a malformed node and reads nothing past the end") {
  for (std::size_t len = 0; len < kGood.size(); ++len) {
    INFO("first " << len << " bytes");
    const Bytes cut(kGood.begin(), kGood.begin() + static_cast<std::ptrdiff_t>(len));
    const auto fields = decode(cut);
    CHECK(coverage_error(fields, 0, cut.size()) == "");
    CHECK(count_malformed(fields) >= 1);
  }
  const auto half = decode(Bytes(kGood.begin(), kGood.begin() + 200));
  CHECK_THAT(require_field(half, "length").error, Catch::Contains("claims 318 bytes but only 196 bytes remain"));
  CHECK(require_field(half, "producedAt").value == "2026-09-21 13:13:20 UTC");  // what is there is still shown
}

TEST_CASE("OCSP bad input: an inner length longer than its parent") {
  Bytes bad = kGood;
  bad[kCertStatusTag + 1] = 0x7f;  // good [0] NULL claims 127 bytes inside its SingleResponse
  const auto fields = decode(bad);
  CHECK(coverage_error(fields, 0, bad.size()) == "");
  const Field& status = require_field(fields, "certStatus");
  CHECK(status.malformed);
  CHECK_THAT(status.error, Catch::Contains("claims 127 bytes"));
  CHECK(require_field(fields, "signature").value.rfind("71 bytes", 0) == 0);  // the elements after it still decode
}

TEST_CASE("OCSP bad input: trailing bytes after the response, and inside an element") {
  Bytes longer = kGood;
  longer.push_back(0x00);
  hl::wire::Cursor c(longer);
  std::vector<Field> fields;
  hl::wire::decode_ocsp_response(c, fields);
  CHECK(count_malformed(fields) == 0);  // one OCSPResponse read; the caller decides about what follows
  CHECK(c.remaining() == 1);
  const Bytes vector = u24_vector(longer);
  hl::wire::Cursor v(vector);
  std::vector<Field> in_vector;
  hl::wire::decode_ocsp_response_vector(v, in_vector);
  const Field& trailing = require_field(in_vector, "trailing bytes");
  CHECK(trailing.malformed);
  CHECK(trailing.offset == 3 + kGood.size());
  CHECK_THAT(trailing.error, Catch::Contains("after the OCSPResponse"));

  // A byte added inside the OCSPResponse SEQUENCE, its length grown to match.
  Bytes inner = kGood;
  inner.push_back(0x00);
  inner[3] = static_cast<std::uint8_t>(inner[3] + 1);  // 30 82 01 3e -> 01 3f
  const auto padded = decode(inner);
  CHECK(coverage_error(padded, 0, inner.size()) == "");
  CHECK_THAT(require_field(padded, "trailing bytes").error, Catch::Contains("after the OCSPResponse"));
}

TEST_CASE("OCSP bad input: wrong tags and lengths DER does not allow") {
  Bytes status_tag = kGood;
  status_tag[kResponseStatusTag] = 0x02;  // INTEGER where the ENUMERATED responseStatus belongs
  const auto wrong_status = decode(status_tag);
  CHECK(require_field(wrong_status, "responseStatus").malformed);
  CHECK_THAT(require_field(wrong_status, "responseStatus").error, Catch::Contains("found tag 0x02 (INTEGER)"));

  Bytes cert_status = kGood;
  cert_status[kCertStatusTag] = 0x81;  // no CertStatus alternative is [1] primitive
  const auto wrong_choice = decode(cert_status);
  CHECK(coverage_error(wrong_choice, 0, cert_status.size()) == "");
  CHECK_THAT(require_field(wrong_choice, "certStatus").error, Catch::Contains("good [0] (0x80), revoked [1] (0xa1)"));

  const auto not_a_sequence = decode(Bytes{0x04, 0x01, 0x00});
  CHECK(not_a_sequence.at(0).malformed);
  CHECK_THAT(not_a_sequence.at(0).error, Catch::Contains("0x30 (SEQUENCE)"));

  const auto indefinite = decode(Bytes{0x30, 0x80, 0x0a, 0x01, 0x00, 0x00, 0x00});
  CHECK_THAT(indefinite.at(0).error, Catch::Contains("indefinite length"));

  const auto five_octets = decode(Bytes{0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x03});
  CHECK_THAT(five_octets.at(0).error, Catch::Contains("5 octets"));

  const auto no_bytes = decode(Bytes{0x30, 0x03, 0x0a, 0x01, 0x01});  // malformedRequest: no responseBytes
  CHECK(count_malformed(no_bytes) == 0);
  CHECK(require_field(no_bytes, "OCSPResponse").value == "malformedRequest (1)");
}

TEST_CASE("OCSP bad input: every byte flipped in turn still gives a tiled tree") {
  for (std::size_t at = 0; at < kGood.size(); ++at) {
    for (std::uint8_t mask : {std::uint8_t{0x01}, std::uint8_t{0x80}, std::uint8_t{0xff}}) {
      Bytes bad = kGood;
      bad[at] ^= mask;
      const auto fields = decode(bad);
      INFO("byte " << at << " ^ " << int(mask));
      CHECK(coverage_error(fields, 0, bad.size()) == "");
    }
  }
}
