// Each decoder on a tiny good input beside its bad twins: truncated, overlong length,
// trailing bytes, zero-length vectors, unknown types. Bad input never throws, always
// covers every byte, and marks what broke.
#include <catch2/catch.hpp>

#include "core/wire/app_line.hpp"
#include "core/wire/decode.hpp"
#include "core/wire/decoders.hpp"
#include "test_wire_support.hpp"

using hl::Field;
using hl::test::count_malformed;
using hl::test::coverage_error;
using hl::test::find_field;
using hl::test::require_field;
using hl::test::from_hex;

namespace {

struct Decoded {
  std::vector<Field> fields;
  std::size_t size = 0;
};

// One handshake message through decode_handshake_message with a chosen context; the input is
// taken as is, header included (for broken headers).
Decoded raw_message(const std::string& hex, std::uint16_t version = 0, std::uint16_t suite = 0) {
  Decoded out;
  auto bytes = from_hex(hex);
  out.size = bytes.size();
  hl::wire::DecodeContext ctx;
  ctx.version = version;
  ctx.cipher_suite = suite;
  ctx.suite = hl::wire::suite_traits(suite);
  hl::wire::Cursor c(bytes);
  hl::wire::decode_handshake_message(c, out.fields, ctx);
  return out;
}

std::string hex_len(std::size_t value, int digits) {
  char text[32];
  std::snprintf(text, sizeof text, "%0*zx", digits, value);
  return text;
}

// A handshake message of msg_type `type_hex` whose header length is computed from the body.
Decoded message(const std::string& type_hex, const std::string& body_hex, std::uint16_t version = 0,
                std::uint16_t suite = 0) {
  std::size_t body_len = from_hex(body_hex).size();
  return raw_message(type_hex + hex_len(body_len, 6) + body_hex, version, suite);
}

Decoded records(const std::string& hex) {
  Decoded out;
  auto bytes = from_hex(hex);
  out.size = bytes.size();
  out.fields = hl::wire::decode_records(bytes);
  return out;
}

// Covered, and malformed exactly when expected.
void check(const Decoded& d, bool expect_malformed) {
  CHECK(coverage_error(d.fields, 0, d.size) == "");
  CHECK((count_malformed(d.fields) > 0) == expect_malformed);
}

const Field& field(const Decoded& d, const std::string& name) {
  const Field* found = find_field(d.fields, name);
  if (!found) FAIL("no field named " << name);
  return *found;
}

// A ClientHello body with one extension: legacy_version, random, empty session id, one suite,
// null compression, then the extension block given.
std::string client_hello(const std::string& extensions_hex) {
  return "0303" + std::string(64, '1') + "00" + "00021301" + "0100" + extensions_hex;
}

std::string extension_block(const std::string& extensions) {
  return hex_len(from_hex(extensions).size(), 4) + extensions;
}

}  // namespace

TEST_CASE("record layer: good, truncated header, overlong length, unknown type, trailing record bytes") {
  auto good = records("1503030002 0228");
  check(good, false);
  CHECK(field(good, "description").value == "handshake_failure (0x28)");

  auto short_header = records("150303");
  check(short_header, true);
  CHECK(field(short_header, "length").error.find("expected 2 bytes of length") != std::string::npos);

  auto overlong = records("1503030009 0228");
  check(overlong, true);
  CHECK(field(overlong, "length").malformed);
  CHECK(field(overlong, "description").value == "handshake_failure (0x28)");  // what is there still decodes

  auto unknown = records("6303030002 abcd");
  check(unknown, true);
  CHECK(field(unknown, "content_type").error.find("unknown content type 99") != std::string::npos);
  CHECK(field(unknown, "data").length == 2);

  auto too_long = records("170303ffff");
  check(too_long, true);
  CHECK(field(too_long, "length").error.find("2^14+2048") != std::string::npos);

  auto two = records("1503030002 0100 1503030002 0228");
  check(two, false);
  REQUIRE(two.fields.size() == 2);
  CHECK(two.fields[1].offset == 7);

  auto dangling = records("1503030002 0228 15");  // a second record cut after one byte
  check(dangling, true);
}

TEST_CASE("alert and ChangeCipherSpec: good, empty, trailing, wrong value") {
  check(records("1503030002 0100"), false);
  check(records("1503030000"), true);          // empty alert
  auto half = records("1503030001 02");        // level without description
  check(half, true);
  check(records("1403030001 01"), false);
  auto wrong = records("1403030001 02");
  check(wrong, true);
  CHECK(field(wrong, "change_cipher_spec").error.find("0x01") != std::string::npos);
  check(records("1403030002 0101"), true);     // trailing byte after CCS
  check(records("1403030000"), true);          // empty CCS
}

TEST_CASE("handshake header: empty record, truncated header, overlong length, unknown type, trailing bytes") {
  check(records("1603030000"), true);  // a handshake record must not be empty
  check(raw_message("0e000000"), false);   // ServerHelloDone
  auto cut = raw_message("0e00");
  check(cut, true);
  auto overlong = raw_message("0e000010");
  check(overlong, true);
  CHECK(field(overlong, "length").malformed);
  auto trailing = raw_message("0e000002abcd");
  check(trailing, true);
  CHECK(field(trailing, "trailing bytes").error.find("after ServerHelloDone") != std::string::npos);
  auto unknown = raw_message("63000002abcd");
  check(unknown, false);
  CHECK(unknown.fields[0].name == "Handshake type 99");
  CHECK(field(unknown, "body").length == 2);
}

TEST_CASE("ClientHello: good, no extensions, bad vectors") {
  auto good = message("01", client_hello(extension_block("000000")) );
  check(good, true);  // extensions<8..> : one empty server_name (4 bytes) is below the RFC minimum
  CHECK(field(good, "length").malformed == false);

  auto sni = message("01", client_hello(extension_block("0000000e000c0000096c6f63616c686f7374" "00170000")));
  check(sni, false);
  CHECK(field(sni, "name").value == "\"localhost\"");
  CHECK(field(sni, "Extension: extended_master_secret").length == 4);

  auto no_extensions = message("01", client_hello(""));
  check(no_extensions, false);

  // cipher_suites with an odd length: the odd byte is malformed, compression still decodes.
  auto odd_suites = message("01", "0303" + std::string(64, '1') + "00" + "0003130113" + "0100");
  check(odd_suites, true);
  CHECK(field(odd_suites, "compression_method").value == "null (0x00)");

  // session id longer than 32 bytes.
  std::string long_sid = "0303" + std::string(64, '1') + "21" + std::string(66, 'a') + "00021301" + "0100";
  auto sid = message("01", long_sid);
  check(sid, true);
  CHECK(field(sid, "legacy_session_id").children[0].error.find("0..32") != std::string::npos);

  auto zero_suites = message("01", "0303" + std::string(64, '1') + "00" + "0000" + "0100");
  check(zero_suites, true);  // cipher_suites<2..2^16-2>
  auto truncated = raw_message("01000026" "0303" + std::string(20, '1'));
  check(truncated, true);
}

TEST_CASE("extensions: each decoder on good data and its bad twins") {
  struct Case {
    const char* name;
    std::string extension_hex;  // type, length, data
    bool malformed;
    const char* field_name;
    const char* value;
  };
  const Case cases[] = {
      {"supported_groups", "000a0006 0004 001d 0017", false, "named_group", "x25519 (0x001d)"},
      {"supported_groups GREASE", "000a0004 0002 2a2a", false, "named_group", "GREASE (0x2a2a)"},
      {"supported_groups odd", "000a0005 0003 001d00", true, "named_group", "x25519 (0x001d)"},
      {"supported_groups empty", "000a0002 0000", true, nullptr, nullptr},
      {"supported_groups overlong", "000a0004 0009 001d", true, "named_group", "x25519 (0x001d)"},
      {"supported_groups trailing", "000a0006 0002 001d abcd", true, "trailing bytes", nullptr},
      {"ec_point_formats", "000b0002 0100", false, "ec_point_format", "uncompressed (0x00)"},
      {"signature_algorithms", "000d0004 0002 0403", false, "signature_scheme", "ecdsa_secp256r1_sha256 (0x0403)"},
      {"signature_algorithms_cert", "00320004 0002 0807", false, "signature_scheme", "ed25519 (0x0807)"},
      {"alpn", "0010000b 0009 08 687474702f312e31", false, "name", "\"http/1.1\""},
      {"alpn empty name", "00100003 0001 00", true, nullptr, nullptr},
      {"status_request", "00050005 01 0000 0000", false, "status_type", "ocsp (0x01)"},
      {"max_fragment_length", "00010001 02", false, "max_fragment_length", "2^10 (1024) (0x02)"},
      {"padding", "00150003 000000", false, "padding", "3 zero bytes"},
      {"padding nonzero", "00150002 0001", true, "padding", "2 zero bytes"},
      {"encrypt_then_mac", "00160000", false, nullptr, nullptr},
      {"extended_master_secret with data", "00170001 00", true, "trailing bytes", nullptr},
      {"record_size_limit", "001c0002 4001", false, "record_size_limit", "16385"},
      {"record_size_limit short", "001c0001 40", true, nullptr, nullptr},
      {"session_ticket", "00230002 abcd", false, "ticket", "abcd"},
      {"pre_shared_key", "0029002f 000a 0004 01020304 00000005 0021 20" + std::string(64, 'b'), false,
       "obfuscated_ticket_age", "5"},
      {"pre_shared_key short binder", "00290013 000a 0004 01020304 00000005 0005 04 01020304", true, nullptr, nullptr},
      {"pre_shared_key identity cut (fuzzer find)", "00290009 0007 0000 00000005 41", true, nullptr, nullptr},
      {"server_name entry cut", "00000004 0002 00 00", true, nullptr, nullptr},
      {"early_data", "002a0000", false, nullptr, nullptr},
      {"supported_versions", "002b0005 04 0304 0303", false, "version", "TLS 1.3 (0x0304)"},
      {"supported_versions odd", "002b0004 03 0304 03", true, nullptr, nullptr},
      {"cookie", "002c0004 0002 abcd", false, "cookie", "abcd"},
      {"cookie empty", "002c0002 0000", true, nullptr, nullptr},
      {"psk_key_exchange_modes", "002d0002 01 01", false, "ke_mode", "psk_dhe_ke (0x01)"},
      {"certificate_authorities", "002f000b 0009 0007 3005310330010c", true, nullptr, nullptr},
      {"oid_filters", "0030000a 0008 03 551d25 0002 3000", false, "OIDFilter", "extKeyUsage (2.5.29.37)"},
      {"post_handshake_auth", "00310000", false, nullptr, nullptr},
      {"key_share", "00330026 0024 001d 0020" + std::string(64, 'c'), false, "group", "x25519 (0x001d)"},
      {"key_share empty list", "00330002 0000", false, nullptr, nullptr},
      {"key_share zero-length key", "00330006 0004 001d 0000", true, nullptr, nullptr},
      {"key_share truncated", "00330008 0006 001d 0020 cc", true, nullptr, nullptr},
      {"renegotiation_info", "ff010001 00", false, "renegotiated_connection", "0 bytes"},
      {"compress_certificate", "001b0003 02 0002", false, "algorithm", "brotli (0x0002)"},
      {"compress_certificate odd", "001b0002 01 00", true, nullptr, nullptr},
      {"signed_certificate_timestamp", "00120000", false, nullptr, nullptr},
      {"GREASE extension", "1a1a0001 00", false, "extension_type", "GREASE (0x1a1a)"},
      {"unknown extension", "fe330002 abcd", false, "extension_data", "abcd"},
      {"extension cut in its type", "00", true, nullptr, nullptr},
      {"extension data overlong", "000a0010 0002", true, nullptr, nullptr},
  };
  for (const auto& test : cases) {
    INFO(test.name);
    std::string ext = test.extension_hex;
    std::erase(ext, ' ');
    // Pad with a GREASE extension so the block meets extensions<8..>.
    auto d = message("01", client_hello(extension_block(ext + "0a0a0000" + "0a0a0000")));
    check(d, test.malformed);
    if (test.field_name && test.value) CHECK(field(d, test.field_name).value == test.value);
    if (test.field_name && !test.value) CHECK(find_field(d.fields, test.field_name) != nullptr);
  }
}

TEST_CASE("ServerHello: HelloRetryRequest, downgrade sentinels, server forms of extensions") {
  const std::string hrr_random = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";
  std::string body = "0303" + hrr_random + "00" + "1301" + "00" + "000c" + "002b00020304" + "003300020017";
  auto retry = message("02", body);
  check(retry, false);
  CHECK(retry.fields[0].name == "HelloRetryRequest");
  CHECK(field(retry, "selected_group").value == "secp256r1 (0x0017)");
  CHECK(field(retry, "random").explain == "hrr_random");

  std::string downgrade = std::string(48, '7') + "444f574e47524401";
  std::string tls12 = "0303" + downgrade + "00" + "c02f" + "00";
  auto down = message("02", tls12);
  check(down, false);
  CHECK(field(down, "downgrade sentinel").value == "DOWNGRD\\x01 (server chose TLS 1.2)");

  std::string sh = "0303" + std::string(64, '5') + "00" + "1302" + "00" + "000a" + "002b00020304" + "00170000";
  auto server_hello = message("02", sh);
  check(server_hello, false);
  CHECK(field(server_hello, "selected_version").value == "TLS 1.3 (0x0304)");

  auto psk = message("02", "0303" + std::string(64, '5') + "00 1302 00 0006 00290002 0000");
  check(psk, false);
  CHECK(field(psk, "selected_identity").value == "0");
}

TEST_CASE("TLS 1.2 messages: ServerKeyExchange, ClientKeyExchange, CertificateRequest, NewSessionTicket") {
  const std::uint16_t ecdhe = 0xc02f, dhe = 0x009e, rsa = 0x003c;
  auto ske = message("0c", "03 0017 04 01020304 0401 0002 abcd", 0x0303, ecdhe);
  check(ske, false);
  CHECK(field(ske, "namedcurve").value == "secp256r1 (0x0017)");
  CHECK(field(ske, "public").value == "01020304");
  CHECK(field(ske, "algorithm").value == "rsa_pkcs1_sha256 (0x0401)");
  check(message("0c", "03 0017 09 01020304 0401 0002 abcd", 0x0303, ecdhe), true);  // point overlong

  auto dh = message("0c", "0001 17 0001 02 0002 abcd 0804 0002 ef01", 0x0303, dhe);
  check(dh, false);
  CHECK(field(dh, "dh_g").value == "02");
  check(message("0c", "0000 0001 02 0000", 0x0303, dhe), true);  // zero-length dh_p

  auto cke_ec = message("10", "04 01020304", 0x0303, ecdhe);
  check(cke_ec, false);
  CHECK(field(cke_ec, "ecdh_Yc").value == "01020304");
  auto cke_rsa = message("10", "0002 abcd", 0x0303, rsa);
  check(cke_rsa, false);
  CHECK(field(cke_rsa, "encrypted_pre_master_secret").value == "abcd");
  check(message("10", "0009 abcd", 0x0303, rsa), true);
  check(message("10", "0000 ff", 0x0303, rsa), true);  // trailing byte

  auto request = message("0d", "02 0140 0004 0403 0804 0000", 0x0303);
  check(request, false);
  CHECK(field(request, "certificate_type").value == "rsa_sign (0x01)");
  check(message("0d", "00 0000 00", 0x0303), true);  // zero certificate types, truncated CAs

  auto ticket12 = message("04", "00001c20 0002 abcd", 0x0303);
  check(ticket12, false);
  CHECK(field(ticket12, "ticket_lifetime_hint").value == "7200");
  auto request13 = message("0d", "00 0008 000d0004 0002 0403", 0x0304);
  check(request13, false);
  CHECK(field(request13, "certificate_request_context").value == "0 bytes");
  check(message("0d", "00 0000", 0x0304), true);  // extensions<2..>

  auto key_update = message("18", "01", 0x0304);
  check(key_update, false);
  CHECK(field(key_update, "request_update").value == "update_requested (0x01)");
  check(raw_message("18000000", 0x0304), true);
  check(raw_message("14000000", 0x0304), true);  // Finished without verify_data
  check(raw_message("05000000", 0x0304), false);  // EndOfEarlyData
  auto hash = message("fe", "abcd", 0x0304);
  check(hash, false);
  CHECK(hash.fields[0].name == "message_hash");
}

TEST_CASE("Certificate: 1.2 list, 1.3 entries, truncated and empty certificates") {
  const std::string der = "3003020101";
  auto cert12 = message("0b", "000008 000005" + der, 0x0303);
  check(cert12, false);
  CHECK(field(cert12, "certificate_list").value == "1 certificate");
  CHECK(field(cert12, "INTEGER").value == "1");
  auto cert13 = message("0b", "00 00000a 000005" + der + "0000", 0x0304);
  check(cert13, false);
  CHECK(field(cert13, "CertificateEntry").value == "certificate 1");
  check(message("0b", "00 000003 000000", 0x0304), true);  // zero-length cert_data
  check(message("0b", "000008 000009" + der, 0x0303), true);  // overlong cert length
  check(message("0b", "00 000000", 0x0304), false);  // an empty list is allowed (no client cert)
  check(message("0b", "000009 000006" + der + "00", 0x0303), true);  // DER with a trailing byte
}

TEST_CASE("DER: long lengths, high tags, indefinite length, depth limit, bad OIDs") {
  auto decode = [](const std::string& hex) {
    Decoded out;
    auto bytes = from_hex(hex);
    out.size = bytes.size();
    hl::wire::Cursor c(bytes);
    while (!c.empty()) hl::wire::decode_der(c, out.fields);
    return out;
  };
  auto oid = decode("0603550403");
  check(oid, false);
  CHECK(oid.fields[0].value == "commonName (2.5.4.3)");
  CHECK(decode("06072a864886f70d0d").fields[0].value == "1.2.840.113549.13");  // an OID the table lacks
  check(decode("0481820002abcd"), true);  // long-form length larger than what is there
  auto long_form = decode("04820002abcd");
  check(long_form, false);
  CHECK(field(long_form, "length").length == 3);
  check(decode("3080"), true);   // indefinite length is not DER
  check(decode("30"), true);     // no length octet
  auto high = decode("5f2101aa");
  check(high, false);
  CHECK(high.fields[0].name == "APPLICATION 33");
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "3080";
  check(decode(deep), true);
  auto time = decode("170d3236303733303031323335395a");
  CHECK(time.fields[0].value == "2026-07-30 01:23:59 UTC");
  CHECK(decode("0603ffffff").fields[0].value.find("malformed OID") != std::string::npos);
  auto octet = decode("0405 3003020105");  // an OCTET STRING that holds DER shows it
  check(octet, false);
  CHECK(field(octet, "INTEGER").value == "5");
}

TEST_CASE("TLS 1.3 inner plaintext and protected records in a transcript") {
  hl::Transcript t;
  hl::Step step;
  step.kind = hl::StepKind::record;
  step.is_protected = true;
  step.version = 0x0304;
  step.bytes = from_hex("1703030013" + std::string(38, 'e'));
  step.plaintext = from_hex("0100" "15" "0000");  // alert content, inner type 21, two zeros
  t.steps.push_back(step);
  hl::Step all_zero = step;
  all_zero.plaintext = from_hex("000000");
  t.steps.push_back(all_zero);
  hl::Step short_record = step;
  short_record.bytes = from_hex("1703030004 01020304");
  t.steps.push_back(short_record);
  auto decoded = hl::wire::decode_transcript(t);
  CHECK(coverage_error(decoded[0].inner_fields, 0, 5) == "");
  CHECK(require_field(decoded[0].inner_fields, "description").value == "close_notify (0x00)");
  CHECK(require_field(decoded[0].inner_fields, "zeros").length == 2);
  CHECK(count_malformed(decoded[0].fields) == 0);
  CHECK(count_malformed(decoded[1].inner_fields) == 1);
  CHECK(coverage_error(decoded[1].inner_fields, 0, 3) == "");
  CHECK(count_malformed(decoded[2].fields) == 1);
  CHECK(coverage_error(decoded[2].fields, 0, 9) == "");
}

TEST_CASE("app lines: verb, arguments and CRLF with byte ranges") {
  auto lines = hl::wire::decode_text_lines(from_hex("45484c4f20636c69656e740d0a"), "smtp", false);  // EHLO client\r\n
  REQUIRE(lines.size() == 1);
  CHECK(coverage_error(lines, 0, 13) == "");
  CHECK(lines[0].children[0].name == "verb");
  CHECK(lines[0].children[0].value == "\"EHLO\"");
  CHECK(lines[0].children[1].value == "\" client\"");
  CHECK(lines[0].children[2].name == "line ending");
  CHECK(lines[0].children[2].value == "\"\\r\\n\"");  // control bytes shown escaped
  auto multi = hl::wire::decode_text_lines(from_hex("3235302d50495045"  "0d0a" "32353020535441525454 4c530d0a"), "smtp", false);
  REQUIRE(multi.size() == 2);
  CHECK(multi[0].children[0].value == "\"250\"");
  CHECK(coverage_error(multi, 0, 24) == "");
  hl::Step imap;
  imap.kind = hl::StepKind::app_line;
  imap.protocol = "imap";
  std::string text = "a1 STARTTLS\r\n";
  imap.bytes.assign(text.begin(), text.end());
  auto tagged = hl::wire::decode_app_line(imap);
  CHECK(tagged[0].children[0].name == "tag");
  CHECK(tagged[0].children[2].value == "\"STARTTLS\"");
  CHECK(coverage_error(tagged, 0, text.size()) == "");
  CHECK(hl::wire::explain(tagged[0].children[2]).find("upgrade") != std::string::npos);
  auto no_newline = hl::wire::decode_text_lines(from_hex("41"), "pop3", false);
  CHECK(coverage_error(no_newline, 0, 1) == "");
  CHECK(hl::wire::decode_text_lines({}, "pop3", false).empty());
}

TEST_CASE("explain combines the key's text with the value and flags malformed fields") {
  Field group;
  group.explain = "named_group";
  group.value = "x25519 (0x001d)";
  CHECK(hl::wire::explain(group).rfind("x25519: the client offers an elliptic-curve Diffie-Hellman share", 0) == 0);
  group.value = "secp384r1 (0x0018)";
  CHECK(hl::wire::explain(group).find("P-384") != std::string::npos);
  group.value = "brainpoolP256r1 (0x001a)";
  CHECK(hl::wire::explain(group) == "brainpoolP256r1 (0x001a): a group for the Diffie-Hellman key exchange.");
  Field legacy;
  legacy.explain = "legacy_version";
  legacy.value = "TLS 1.2 (0x0303)";
  CHECK(hl::wire::explain(legacy).find("middleboxes") != std::string::npos);
  legacy.malformed = true;
  legacy.error = "expected 2 bytes";
  CHECK(hl::wire::explain(legacy).rfind("Malformed: expected 2 bytes. ", 0) == 0);
  Field unknown;
  unknown.explain = "no.such.key";
  CHECK(hl::wire::explain(unknown).empty());
}

TEST_CASE("bare record streams: records after a ChangeCipherSpec are encrypted, the key exchange is guessed") {
  auto after_ccs = records("1403030001 01" "1603030005 0102030405");
  check(after_ccs, false);
  CHECK(after_ccs.fields[1].value == "encrypted record, 5 bytes");
  CHECK(field(after_ccs, "encrypted_content").length == 5);
  auto rsa = records("1603030008 10000004 0002abcd");
  check(rsa, false);
  CHECK(field(rsa, "encrypted_pre_master_secret").value == "abcd");
  auto ec = records("1603030009 10000005 04 01020304");
  check(ec, false);
  CHECK(field(ec, "ecdh_Yc").value == "01020304");
  auto neither = records("1603030007 10000003 050102");
  check(neither, false);
  CHECK(field(neither, "exchange_keys").length == 3);
}
