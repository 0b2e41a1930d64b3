// LDAP peers and their BER: exact StartTLS bytes, the bind/unbind dialogue per mode, and
// the BER builder and splitter against good and bad input.
#include <catch2/catch.hpp>

#include "core/protocols/account.hpp"
#include "core/protocols/ber_codec.hpp"
#include "core/protocols/ldap.hpp"
#include "protocol_loop.hpp"

using hl::test::run_dialogue;
using hl::test::titles;
using Titles = std::vector<std::string>;
using hl::Bytes;

namespace {

hl::PeerConfig ldap(int port, hl::PortMode mode, bool starttls = true) {
  return hl::test::protocol_config("ldap", port, mode, starttls);
}

Bytes bytes_of(const std::string& text) { return Bytes(text.begin(), text.end()); }

Bytes concat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

}  // namespace

TEST_CASE("LDAP StartTLS request and response are the RFC 4511 BER") {
  hl::Dialogue d = hl::make_ldap_dialogue(ldap(389, hl::PortMode::starttls));
  auto log = run_dialogue(d);
  CHECK(d.client->finished());
  CHECK(d.server->finished());
  CHECK(titles(log) == Titles{"C:LDAP StartTLS request", "S:LDAP StartTLS response (success)", "TLS",
                              "C:LDAP bind request", "S:LDAP bind response (success)", "C:LDAP unbind request"});
  // SEQUENCE { messageID 1, [APPLICATION 23] { [0] "1.3.6.1.4.1.1466.20037" } }
  Bytes request = concat({0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16}, bytes_of("1.3.6.1.4.1.1466.20037"));
  CHECK(bytes_of(log[0].text) == request);
  // SEQUENCE { messageID 1, [APPLICATION 24] { success, "", "", [10] OID } }
  Bytes response = concat({0x30, 0x24, 0x02, 0x01, 0x01, 0x78, 0x1f, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00, 0x8a, 0x16},
                          bytes_of("1.3.6.1.4.1.1466.20037"));
  CHECK(bytes_of(log[1].text) == response);
  CHECK(bytes_of(log[5].text) == Bytes{0x30, 0x05, 0x02, 0x01, 0x03, 0x42, 0x00});
  CHECK_FALSE(hl::test::in_clear(log, hl::account::kPassword));
}

TEST_CASE("LDAP bind request carries the DN and the password as simple [0]") {
  hl::Dialogue d = hl::make_ldap_dialogue(ldap(636, hl::PortMode::implicit_tls));
  CHECK(d.client->wants_tls());
  auto log = run_dialogue(d);
  CHECK(titles(log) == Titles{"TLS", "C:LDAP bind request", "S:LDAP bind response (success)", "C:LDAP unbind request"});
  std::string dn = hl::account::kLdapDn, password = hl::account::kPassword;
  Bytes op_body = concat(concat({0x02, 0x01, 0x03, 0x04, static_cast<std::uint8_t>(dn.size())}, bytes_of(dn)),
                         concat({0x80, static_cast<std::uint8_t>(password.size())}, bytes_of(password)));
  Bytes op = concat({0x60, static_cast<std::uint8_t>(op_body.size())}, op_body);
  Bytes message = concat({0x30, static_cast<std::uint8_t>(op.size() + 3), 0x02, 0x01, 0x01}, op);
  CHECK(bytes_of(log[1].text) == message);
  CHECK(bytes_of(log[2].text) == Bytes{0x30, 0x0c, 0x02, 0x01, 0x01, 0x61, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00});
}

TEST_CASE("LDAP with starttls=off and plaintext: the bind crosses in the clear") {
  for (auto mode : {hl::PortMode::starttls, hl::PortMode::plaintext}) {
    hl::Dialogue d = hl::make_ldap_dialogue(ldap(389, mode, false));
    CHECK_FALSE(d.client->wants_tls());
    auto log = run_dialogue(d);
    CHECK(titles(log) == Titles{"C:LDAP bind request", "S:LDAP bind response (success)", "C:LDAP unbind request"});
    CHECK(hl::test::in_clear(log, hl::account::kPassword));
    CHECK_FALSE(d.server->wants_tls());
  }
}

TEST_CASE("LDAP server: StartTLS refused on LDAPS, wrong password, garbage") {
  hl::Dialogue d = hl::make_ldap_dialogue(ldap(636, hl::PortMode::implicit_tls));
  Bytes start_tls = hl::ldap_message(7, hl::ber::tlv(hl::ber::kExtendedRequest,
                                                     hl::ber::tlv_text(hl::ber::kRequestName, hl::ber::kStartTlsOid)));
  Bytes bad_bind = hl::ldap_message(8, hl::ber::tlv(hl::ber::kBindRequest,
                                                    hl::ber::concat({hl::ber::tlv_int(hl::ber::kInteger, 3),
                                                                     hl::ber::tlv_text(hl::ber::kOctetString, "cn=x"),
                                                                     hl::ber::tlv_text(hl::ber::kSimpleAuth, "nope")})));
  // Split across two deliveries: nothing happens until the whole message is there.
  d.server->receive(std::span(start_tls).first(5));
  CHECK(d.server->take_output().empty());
  d.server->receive(std::span(start_tls).subspan(5));
  d.server->receive(bad_bind);
  auto out = d.server->take_output();
  REQUIRE(out.size() == 2);
  CHECK(out[0].title == "LDAP StartTLS response (unavailable)");
  CHECK(out[1].title == "LDAP bind response (invalidCredentials)");
  CHECK(out[1].bytes[4] == 8);  // the response echoes the messageID
  Bytes garbage = {0x04, 0x01, 0x00};
  d.server->receive(garbage);
  CHECK(d.server->finished());
}

TEST_CASE("BER builder: minimal lengths and integers") {
  CHECK(hl::ber::tlv_int(0x02, 0) == Bytes{0x02, 0x01, 0x00});
  CHECK(hl::ber::tlv_int(0x02, 127) == Bytes{0x02, 0x01, 0x7f});
  CHECK(hl::ber::tlv_int(0x02, 128) == Bytes{0x02, 0x02, 0x00, 0x80});
  CHECK(hl::ber::tlv_int(0x02, -1) == Bytes{0x02, 0x01, 0xff});
  CHECK(hl::ber::tlv_int(0x02, -129) == Bytes{0x02, 0x02, 0xff, 0x7f});
  Bytes long_value(300, 0xaa);
  Bytes encoded = hl::ber::tlv(0x04, long_value);
  CHECK(Bytes(encoded.begin(), encoded.begin() + 4) == Bytes{0x04, 0x82, 0x01, 0x2c});
  CHECK(encoded.size() == 304);
  hl::ber::Tlv split;
  REQUIRE(hl::ber::read_tlv(encoded, split));
  CHECK(split.value.size() == 300);
  CHECK(split.total_len == 304);
  std::int64_t value = 0;
  REQUIRE(hl::ber::read_int(Bytes{0xff, 0x7f}, value));
  CHECK(value == -129);
}

TEST_CASE("BER splitter rejects what LDAP does not allow") {
  hl::ber::Tlv tlv;
  CHECK_FALSE(hl::ber::read_tlv(Bytes{0x30}, tlv));                          // truncated header
  CHECK_FALSE(hl::ber::read_tlv(Bytes{0x04, 0x03, 0x61, 0x62}, tlv));        // value shorter than its length
  CHECK_FALSE(hl::ber::read_tlv(Bytes{0x30, 0x80, 0x00, 0x00}, tlv));        // indefinite length
  CHECK_FALSE(hl::ber::read_tlv(Bytes{0x04, 0x85, 0, 0, 0, 0, 1, 0x61}, tlv));  // 5 length octets
  CHECK_FALSE(hl::ber::read_tlv(Bytes{0x1f, 0x81, 0x01, 0x00}, tlv));        // multi-byte tag
  CHECK_FALSE(hl::ber::read_tlv(Bytes{0x04, 0x82, 0x01}, tlv));              // long length cut short
  REQUIRE(hl::ber::read_tlv(Bytes{0x04, 0x01, 0x61, 0xff}, tlv));            // trailing bytes are the caller's
  CHECK(tlv.total_len == 3);
  std::int64_t value = 0;
  CHECK_FALSE(hl::ber::read_int(Bytes{}, value));
  CHECK_FALSE(hl::ber::read_int(Bytes(9, 0x01), value));
}
