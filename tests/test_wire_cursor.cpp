// The bounded cursor and the field-building helpers: good reads beside their bad twins.
#include <catch2/catch.hpp>

#include "core/wire/cursor.hpp"
#include "core/wire/fields.hpp"
#include "core/wire/names.hpp"
#include "test_wire_support.hpp"

using hl::wire::Cursor;
using hl::wire::FieldList;

TEST_CASE("cursor reads big-endian integers and keeps absolute offsets") {
  const std::uint8_t bytes[] = {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a};
  Cursor c(bytes, 100);
  std::uint8_t a = 0;
  std::uint16_t b = 0;
  std::uint32_t d = 0, e = 0;
  REQUIRE(c.u8(a));
  REQUIRE(c.u16(b));
  REQUIRE(c.u24(d));
  REQUIRE(c.u32(e));
  CHECK(a == 0x01);
  CHECK(b == 0x0203);
  CHECK(d == 0x040506);
  CHECK(e == 0x0708090a);
  CHECK(c.offset() == 110);
  CHECK(c.empty());
}

TEST_CASE("cursor refuses short reads without consuming") {
  const std::uint8_t bytes[] = {0x01, 0x02, 0x03};
  Cursor c(bytes);
  std::uint32_t value = 0;
  CHECK_FALSE(c.u32(value));
  CHECK(c.remaining() == 3);
  std::span<const std::uint8_t> taken;
  CHECK_FALSE(c.bytes(4, taken));
  CHECK_FALSE(c.skip(4));
  CHECK(c.remaining() == 3);
}

TEST_CASE("length-prefixed sub-cursor cannot read past its parent") {
  const std::uint8_t good[] = {0x00, 0x02, 0xaa, 0xbb, 0xcc};
  Cursor c(good, 10);
  Cursor sub;
  REQUIRE(c.prefixed(2, sub));
  CHECK(sub.offset() == 12);
  CHECK(sub.remaining() == 2);
  std::uint32_t wide = 0;
  CHECK_FALSE(sub.u24(wide));  // the parent still has 0xcc, but the sub-cursor ends at 0xbb
  CHECK(c.remaining() == 1);

  const std::uint8_t overlong[] = {0x00, 0x05, 0xaa};
  Cursor bad(overlong);
  CHECK_FALSE(bad.prefixed(2, sub));
  CHECK(bad.remaining() == 3);  // nothing consumed

  const std::uint8_t truncated_prefix[] = {0x00};
  Cursor cut(truncated_prefix);
  CHECK_FALSE(cut.prefixed(2, sub));
}

TEST_CASE("open_vector checks RFC bounds and clips overlong lengths") {
  SECTION("good vector") {
    const std::uint8_t bytes[] = {0x02, 0x13, 0x01};
    Cursor c(bytes);
    FieldList out;
    Cursor body;
    hl::Field* node = hl::wire::open_vector(c, out, "v", "k", 1, 2, 254, body);
    REQUIRE(node);
    CHECK_FALSE(node->children.front().malformed);
    CHECK(body.remaining() == 2);
    CHECK(node->length == 3);
  }
  SECTION("overlong length is marked and clipped") {
    const std::uint8_t bytes[] = {0x09, 0x13, 0x01};
    Cursor c(bytes);
    FieldList out;
    Cursor body;
    hl::Field* node = hl::wire::open_vector(c, out, "v", "k", 1, 2, 254, body);
    REQUIRE(node);
    CHECK(node->children.front().malformed);
    CHECK(body.remaining() == 2);
    CHECK(node->length == 3);
  }
  SECTION("below the RFC minimum is marked") {
    const std::uint8_t bytes[] = {0x00};
    Cursor c(bytes);
    FieldList out;
    Cursor body;
    hl::Field* node = hl::wire::open_vector(c, out, "v", "k", 1, 2, 254, body);
    REQUIRE(node);
    CHECK(node->children.front().malformed);
    CHECK(node->children.front().error.find("outside the RFC bounds 2..254") != std::string::npos);
  }
  SECTION("missing length prefix gives a malformed leaf, not a node") {
    Cursor c(std::span<const std::uint8_t>{});
    FieldList out;
    Cursor body;
    CHECK(hl::wire::open_vector(c, out, "v", "k", 2, 0, 10, body) == nullptr);
    REQUIRE(out.size() == 1);
    CHECK(out[0].malformed);
    CHECK(out[0].length == 0);
  }
}

TEST_CASE("add_uint names codes and marks truncation") {
  const std::uint8_t bytes[] = {0x13, 0x01, 0x13};
  Cursor c(bytes);
  FieldList out;
  REQUIRE(hl::wire::add_uint(c, out, "suite", "cipher_suite", 2, hl::wire::cipher_suite_name));
  CHECK(out[0].value == "TLS_AES_128_GCM_SHA256 (0x1301)");
  CHECK_FALSE(hl::wire::add_uint(c, out, "suite", "cipher_suite", 2, hl::wire::cipher_suite_name));
  REQUIRE(out.size() == 2);
  CHECK(out[1].malformed);
  CHECK(out[1].length == 1);  // the malformed leaf covers the byte that was left
  CHECK(hl::test::coverage_error(out, 0, 3).empty());
}

TEST_CASE("expect_end flags trailing bytes") {
  const std::uint8_t bytes[] = {0x01, 0x02};
  Cursor c(bytes);
  FieldList out;
  CHECK_FALSE(hl::wire::expect_end(c, out, "thing"));
  REQUIRE(out.size() == 1);
  CHECK(out[0].error == "2 unexpected trailing bytes after thing");
  Cursor empty;
  CHECK(hl::wire::expect_end(empty, out, "thing"));
}

TEST_CASE("registry tables name codes and GREASE") {
  using namespace hl::wire;
  CHECK(std::string(cipher_suite_name(0xc02f)) == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(std::string(cipher_suite_name(0x003c)) == "TLS_RSA_WITH_AES_128_CBC_SHA256");
  CHECK(std::string(cipher_suite_name(0x5a5a)) == "GREASE");
  CHECK(cipher_suite_name(0x1399) == nullptr);
  CHECK(std::string(named_group_name(29)) == "x25519");
  CHECK(std::string(extension_type_name(0xfafa)) == "GREASE");
  CHECK(std::string(extension_type_name(65281)) == "renegotiation_info");
  CHECK(std::string(signature_scheme_name(0x0804)) == "rsa_pss_rsae_sha256");
  CHECK(std::string(alert_description_name(48)) == "unknown_ca");
  CHECK(std::string(handshake_type_name(254)) == "message_hash");
  CHECK(std::string(content_type_name(23)) == "application_data");
  CHECK(std::string(psk_mode_name(0x0b)) == "GREASE");
  CHECK(suite_traits(0xc02f).kex == KeyExchange::ecdhe);
  CHECK(suite_traits(0xc02f).cipher == RecordCipher::aead_explicit_nonce);
  CHECK(suite_traits(0x003c).kex == KeyExchange::rsa);
  CHECK(suite_traits(0x003c).cipher == RecordCipher::cbc);
  CHECK(suite_traits(0x003c).mac_len == 32);
  CHECK(suite_traits(0x1302).kex == KeyExchange::tls13);
  CHECK(suite_traits(0xcca8).cipher == RecordCipher::aead_implicit_nonce);
}
