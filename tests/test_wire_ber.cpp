// LDAP BER decoding: a StartTLS request and a bind request field by field with byte ranges,
// beside their bad twins (truncated, overlong length, trailing bytes, indefinite length).
#include <catch2/catch.hpp>

#include <string>

#include "core/wire/ber.hpp"

using hl::Field;
using Bytes = std::vector<std::uint8_t>;

namespace {

const Field* child(const Field& parent, const std::string& name) {
  for (const auto& c : parent.children)
    if (c.name == name) return &c;
  return nullptr;
}

bool any_malformed(const std::vector<Field>& fields) {
  for (const auto& f : fields)
    if (f.malformed || any_malformed(f.children)) return true;
  return false;
}

const std::string kOid = "1.3.6.1.4.1.1466.20037";

Bytes start_tls_request() {
  Bytes b = {0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16};
  for (char ch : kOid) b.push_back(static_cast<std::uint8_t>(ch));
  return b;
}

// SEQUENCE { 2, [APPLICATION 0] { 3, "cn=a", [0] "pw" } }
const Bytes kBind = {0x30, 0x12, 0x02, 0x01, 0x02, 0x60, 0x0d, 0x02, 0x01, 0x03,
                     0x04, 0x04, 'c',  'n',  '=',  'a',  0x80, 0x02, 'p',  'w'};

}  // namespace

TEST_CASE("BER: the StartTLS extended request, field by field") {
  Bytes bytes = start_tls_request();
  auto fields = hl::wire::decode_ldap_message(bytes);
  REQUIRE(fields.size() == 1);
  const Field& root = fields[0];
  CHECK(root.name == "LDAPMessage");
  CHECK(root.value == "ExtendedRequest, messageID 1");
  CHECK(root.offset == 0);
  CHECK(root.length == bytes.size());
  CHECK_FALSE(any_malformed(fields));
  const Field* id = child(root, "messageID");
  REQUIRE(id);
  CHECK(id->value == "1");
  CHECK(id->offset == 2);
  CHECK(id->length == 3);
  const Field* op = child(root, "ExtendedRequest");
  REQUIRE(op);
  CHECK(op->offset == 5);
  CHECK(op->length == 26);
  const Field* name = child(*op, "requestName");
  REQUIRE(name);
  CHECK(name->value == "\"" + kOid + "\" (StartTLS)");
  const Field* value = child(*name, "value");
  REQUIRE(value);
  CHECK(value->offset == 9);
  CHECK(value->length == 22);
  const Field* length = child(*name, "length");
  REQUIRE(length);
  CHECK(length->offset == 8);
  CHECK(length->value == "22");
}

TEST_CASE("BER: a simple bind shows the DN and the password with their ranges") {
  auto fields = hl::wire::decode_ldap_message(kBind);
  REQUIRE(fields.size() == 1);
  CHECK_FALSE(any_malformed(fields));
  CHECK(fields[0].value == "BindRequest, messageID 2");
  const Field* bind = child(fields[0], "BindRequest");
  REQUIRE(bind);
  CHECK(child(*bind, "version")->value == "3");
  CHECK(child(*bind, "name")->value == "\"cn=a\"");
  const Field* password = child(*bind, "simple (password)");
  REQUIRE(password);
  CHECK(password->explain == "ldap.bind.simple");
  const Field* value = child(*password, "value");
  REQUIRE(value);
  CHECK(value->offset == 18);
  CHECK(value->length == 2);
}

TEST_CASE("BER: responses name their result code; unknown operations stay generic") {
  Bytes response = {0x30, 0x0c, 0x02, 0x01, 0x02, 0x61, 0x07, 0x0a, 0x01, 0x31, 0x04, 0x00, 0x04, 0x00};
  auto fields = hl::wire::decode_ldap_message(response);
  CHECK(child(*child(fields[0], "BindResponse"), "resultCode")->value == "49 (invalidCredentials)");
  Bytes abandon = {0x30, 0x06, 0x02, 0x01, 0x05, 0x50, 0x01, 0x03};  // AbandonRequest [APPLICATION 16]
  fields = hl::wire::decode_ldap_message(abandon);
  CHECK_FALSE(any_malformed(fields));
  CHECK(child(fields[0], "APPLICATION 16"));
  Bytes unbind = {0x30, 0x05, 0x02, 0x01, 0x03, 0x42, 0x00};
  fields = hl::wire::decode_ldap_message(unbind);
  CHECK(fields[0].value == "UnbindRequest, messageID 3");
  CHECK(child(fields[0], "UnbindRequest")->value == "NULL");
}

TEST_CASE("BER: long-form lengths are read") {
  Bytes bytes = {0x30, 0x81, 0x05, 0x02, 0x01, 0x03, 0x42, 0x00};
  auto fields = hl::wire::decode_ldap_message(bytes);
  CHECK_FALSE(any_malformed(fields));
  CHECK(child(fields[0], "length")->length == 2);
  CHECK(child(fields[0], "length")->value == "5");
}

TEST_CASE("BER bad input: truncated") {
  Bytes bytes = start_tls_request();
  bytes.resize(20);
  auto fields = hl::wire::decode_ldap_message(bytes);
  REQUIRE_FALSE(fields.empty());
  CHECK(any_malformed(fields));
  const Field* length = child(fields[0], "length");
  REQUIRE(length);
  CHECK(length->malformed);
  CHECK_THAT(length->error, Catch::Contains("claims 29 bytes but only 18 remain"));
  CHECK(fields[0].length == 20);  // nothing read past the end
  CHECK(hl::wire::decode_ldap_message(Bytes{}).at(0).malformed);
  CHECK(any_malformed(hl::wire::decode_ldap_message(Bytes{0x30})));
}

TEST_CASE("BER bad input: an inner length longer than its parent") {
  // messageID claims 9 bytes inside a 3-byte SEQUENCE.
  Bytes bytes = {0x30, 0x03, 0x02, 0x09, 0x01};
  auto fields = hl::wire::decode_ldap_message(bytes);
  const Field* id = child(fields[0], "messageID");
  REQUIRE(id);
  CHECK(child(*id, "length")->malformed);
  CHECK(fields[0].length == 5);
}

TEST_CASE("BER bad input: lengths LDAP does not allow") {
  auto indefinite = hl::wire::decode_ldap_message(Bytes{0x30, 0x80, 0x02, 0x01, 0x01, 0x00, 0x00});
  const Field* length = child(indefinite[0], "length");
  REQUIRE(length);
  CHECK(length->malformed);
  CHECK_THAT(length->error, Catch::Contains("RFC 4511"));
  auto overlong = hl::wire::decode_ldap_message(Bytes{0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x01});
  CHECK_THAT(child(overlong[0], "length")->error, Catch::Contains("5 octets"));
  auto cut = hl::wire::decode_ldap_message(Bytes{0x30, 0x82, 0x01});
  CHECK_THAT(child(cut[0], "length")->error, Catch::Contains("cut short"));
  auto multi_byte_tag = hl::wire::decode_ldap_message(Bytes{0x30, 0x03, 0x1f, 0x81, 0x01});
  CHECK(any_malformed(multi_byte_tag));
}

TEST_CASE("BER bad input: trailing bytes and a non-SEQUENCE start") {
  Bytes bytes = kBind;
  bytes.push_back(0x00);
  auto fields = hl::wire::decode_ldap_message(bytes);
  REQUIRE(fields.size() == 2);
  CHECK_FALSE(fields[0].malformed);
  CHECK(fields[1].name == "trailing bytes");
  CHECK(fields[1].malformed);
  CHECK(fields[1].offset == kBind.size());
  auto wrong = hl::wire::decode_ldap_message(Bytes{0x04, 0x01, 0x61});
  CHECK(wrong[0].malformed);
  CHECK_THAT(wrong[0].error, Catch::Contains("SEQUENCE"));
}

TEST_CASE("BER: deep nesting stops at a limit instead of recursing forever") {
  Bytes bytes;
  for (int i = 0; i < 40; ++i) {
    bytes.insert(bytes.begin(), static_cast<std::uint8_t>(bytes.size()));
    bytes.insert(bytes.begin(), 0x30);
  }
  auto fields = hl::wire::decode_ldap_message(bytes);
  CHECK(any_malformed(fields));
}
