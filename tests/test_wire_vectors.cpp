// Reference vectors nobody here wrote: RFC 8448 "Simple 1-RTT Handshake" and the
// Illustrated TLS 1.3 Connection (tests/data/illustrated-tls13, MIT, see LICENSE.txt).
#include <catch2/catch.hpp>

#include <algorithm>

#include "core/wire/decode.hpp"
#include "core/wire/decoders.hpp"
#include "core/wire/x509.hpp"
#include "test_wire_support.hpp"

using hl::Field;
using hl::test::coverage_error;
using hl::test::find_all;
using hl::test::find_field;
using hl::test::require_field;

namespace {

const std::string kRfc = std::string(HL_TEST_DATA) + "/rfc8448/";
const std::string kIllustrated = std::string(HL_TEST_DATA) + "/illustrated-tls13/";

// Decodes one bare handshake message with the given negotiated version.
std::vector<Field> decode_message(const std::vector<std::uint8_t>& bytes, std::uint16_t version) {
  hl::wire::DecodeContext ctx;
  ctx.version = version;
  hl::wire::Cursor c(bytes);
  std::vector<Field> out;
  hl::wire::decode_handshake_message(c, out, ctx);
  return out;
}

std::string value_of(const std::vector<Field>& fields, const std::string& name) {
  const Field* field = find_field(fields, name);
  return field ? field->value : "<missing " + name + ">";
}

std::vector<std::string> values_of(const std::vector<Field>& fields, const std::string& name) {
  std::vector<std::string> values;
  for (const Field* field : find_all(fields, name)) values.push_back(field->value);
  return values;
}

hl::Bytes cat(std::initializer_list<hl::Bytes> parts) {
  hl::Bytes all;
  for (const auto& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

}  // namespace

TEST_CASE("RFC 8448 ClientHello decodes with its named values") {
  auto bytes = hl::test::read_hex_file(kRfc + "client_hello.hex");
  REQUIRE(bytes.size() == 196);
  auto fields = decode_message(bytes, 0);
  REQUIRE(fields.size() == 1);
  CHECK(fields[0].name == "ClientHello");
  CHECK(coverage_error(fields, 0, bytes.size()).empty());
  CHECK(hl::test::count_malformed(fields) == 0);
  CHECK(value_of(fields, "legacy_version") == "TLS 1.2 (0x0303)");
  CHECK(value_of(fields, "random") == "cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7");
  CHECK(values_of(fields, "cipher_suite") == std::vector<std::string>{"TLS_AES_128_GCM_SHA256 (0x1301)",
                                                                       "TLS_CHACHA20_POLY1305_SHA256 (0x1303)",
                                                                       "TLS_AES_256_GCM_SHA384 (0x1302)"});
  CHECK(value_of(fields, "name") == "\"server\"");
  CHECK(value_of(fields, "key_exchange") == "99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c");
  CHECK(values_of(fields, "version") == std::vector<std::string>{"TLS 1.3 (0x0304)"});
  CHECK(value_of(fields, "record_size_limit") == "16385");
  CHECK(values_of(fields, "named_group").front() == "x25519 (0x001d)");
  CHECK(values_of(fields, "named_group").size() == 9);
  CHECK(values_of(fields, "signature_scheme").size() == 15);
  CHECK(value_of(fields, "ke_mode") == "psk_dhe_ke (0x01)");
  CHECK(find_field(fields, "Extension: session_ticket") != nullptr);
  CHECK(find_field(fields, "Extension: renegotiation_info") != nullptr);
}

TEST_CASE("RFC 8448 ClientHello decodes inside its record with decode_records") {
  auto message = hl::test::read_hex_file(kRfc + "client_hello.hex");
  hl::Bytes record = cat({{0x16, 0x03, 0x01, 0x00, 0xc4}, message});
  auto records = hl::wire::decode_records(record);
  REQUIRE(records.size() == 1);
  CHECK(coverage_error(records, 0, record.size()).empty());
  CHECK(value_of(records, "content_type") == "handshake (0x16)");
  CHECK(value_of(records, "legacy_record_version") == "TLS 1.0 (0x0301)");
  REQUIRE(find_field(records, "ClientHello") != nullptr);
  // Three sizes, each labelled: the record on the wire, its fragment, the handshake message and its body.
  CHECK(record.size() == 201);
  CHECK(value_of(records, "length") == "196 (fragment; 201 on the wire with this header)");
  CHECK(find_field(records, "ClientHello")->value == "196-byte handshake message (192-byte body)");
  CHECK(values_of(records, "length")[1] == "192 (body)");
}

TEST_CASE("RFC 8448 ServerHello selects TLS 1.3, AES-128-GCM and x25519") {
  auto bytes = hl::test::read_hex_file(kRfc + "server_hello.hex");
  hl::wire::DecodeContext ctx;
  hl::wire::Cursor c(bytes);
  std::vector<Field> fields;
  hl::wire::decode_handshake_message(c, fields, ctx);
  CHECK(fields[0].name == "ServerHello");
  CHECK(coverage_error(fields, 0, bytes.size()).empty());
  CHECK(hl::test::count_malformed(fields) == 0);
  CHECK(value_of(fields, "random") == "a6af06a4121860dc5e6e60249cd34c95930c8ac5cb1434dac155772ed3e26928");
  CHECK(value_of(fields, "cipher_suite") == "TLS_AES_128_GCM_SHA256 (0x1301)");
  CHECK(value_of(fields, "group") == "x25519 (0x001d)");
  CHECK(value_of(fields, "key_exchange") == "c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f");
  CHECK(value_of(fields, "selected_version") == "TLS 1.3 (0x0304)");
  // The frozen legacy_version says it is not the version, and points at supported_versions.
  const Field* legacy = find_field(fields, "legacy_version");
  REQUIRE(legacy != nullptr);
  CHECK(legacy->value == "TLS 1.2 (0x0303), not this connection's version: see supported_versions (TLS 1.3)");
  CHECK_THAT(hl::wire::explain(*legacy), Catch::Contains("selected_version of the supported_versions extension"));
  CHECK(ctx.version == 0x0304);  // what later messages are decoded with
  CHECK(ctx.suite.kex == hl::wire::KeyExchange::tls13);
}

TEST_CASE("RFC 8448 server flight: EncryptedExtensions, Certificate, CertificateVerify, Finished") {
  auto ee = hl::test::read_hex_file(kRfc + "encrypted_extensions.hex");
  auto fields = decode_message(ee, 0x0304);
  CHECK(fields[0].name == "EncryptedExtensions");
  CHECK(coverage_error(fields, 0, ee.size()).empty());
  CHECK(values_of(fields, "named_group").size() == 9);
  CHECK(value_of(fields, "record_size_limit") == "16385");
  CHECK(find_field(fields, "Extension: server_name") != nullptr);
  CHECK(hl::test::count_malformed(fields) == 0);

  auto cert = hl::test::read_hex_file(kRfc + "certificate.hex");
  fields = decode_message(cert, 0x0304);
  CHECK(fields[0].name == "Certificate");
  CHECK(coverage_error(fields, 0, cert.size()).empty());
  CHECK(hl::test::count_malformed(fields) == 0);
  CHECK(value_of(fields, "certificate_list") == "1 certificate");
  auto oids = values_of(fields, "OBJECT IDENTIFIER");
  CHECK(std::find(oids.begin(), oids.end(), "commonName (2.5.4.3)") != oids.end());
  CHECK(std::find(oids.begin(), oids.end(), "sha256WithRSAEncryption (1.2.840.113549.1.1.11)") != oids.end());
  CHECK(value_of(fields, "PrintableString") == "\"rsa\"");
  CHECK(value_of(fields, "UTCTime") == "2016-07-30 01:23:59 UTC");
  auto certs = hl::wire::certificates_in(fields[0], cert);
  REQUIRE(certs.size() == 1);
  auto summary = hl::wire::summarize_certificate(certs[0]);
  REQUIRE(summary);
  CHECK(summary->subject == "CN=rsa");
  CHECK(summary->public_key_type == "RSA");
  CHECK(summary->public_key_bits == 1024);
  CHECK(summary->serial == "02");

  auto verify = hl::test::read_hex_file(kRfc + "certificate_verify.hex");
  fields = decode_message(verify, 0x0304);
  CHECK(value_of(fields, "algorithm") == "rsa_pss_rsae_sha256 (0x0804)");
  CHECK(coverage_error(fields, 0, verify.size()).empty());

  auto finished = hl::test::read_hex_file(kRfc + "server_finished.hex");
  fields = decode_message(finished, 0x0304);
  CHECK(value_of(fields, "verify_data") == "9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718");
  auto client_finished = hl::test::read_hex_file(kRfc + "client_finished.hex");
  fields = decode_message(client_finished, 0x0304);
  CHECK(value_of(fields, "verify_data") == "a8ec436d677634ae525ac1fcebe11a039ec17694fac6e98527b642f2edd5ce61");
}

TEST_CASE("RFC 8448 NewSessionTicket decodes in its TLS 1.3 form") {
  auto bytes = hl::test::read_hex_file(kRfc + "new_session_ticket.hex");
  auto fields = decode_message(bytes, 0x0304);
  CHECK(fields[0].name == "NewSessionTicket");
  CHECK(coverage_error(fields, 0, bytes.size()).empty());
  CHECK(hl::test::count_malformed(fields) == 0);
  CHECK(value_of(fields, "ticket_lifetime") == "30");
  CHECK(value_of(fields, "ticket_age_add") == std::to_string(0xfad6aac5u));
  CHECK(value_of(fields, "max_early_data_size") == "1024");
  // The same bytes read as a TLS 1.2 ticket do not fit: the decoder says so instead of guessing.
  auto as_tls12 = decode_message(bytes, 0x0303);
  CHECK(hl::test::count_malformed(as_tls12) > 0);
  CHECK(coverage_error(as_tls12, 0, bytes.size()).empty());
}

TEST_CASE("Illustrated TLS 1.3: ClientHello and ServerHello records") {
  auto client_hello = hl::test::read_binary(kIllustrated + "clienthello.bin");
  auto server_hello = hl::test::read_binary(kIllustrated + "serverhello.bin");
  REQUIRE(client_hello.size() == 253);
  auto records = hl::wire::decode_records(cat({client_hello, server_hello}));
  REQUIRE(records.size() == 2);
  CHECK(coverage_error(records, 0, client_hello.size() + server_hello.size()).empty());
  CHECK(hl::test::count_malformed(records) == 0);
  const auto& ch = records[0].children;
  CHECK(value_of(ch, "random") == "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
  CHECK(value_of(ch, "session_id") == "e0e1e2e3e4e5e6e7e8e9eaebecedeeeff0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
  CHECK(value_of(ch, "name") == "\"example.ulfheim.net\"");
  CHECK(value_of(ch, "group") == "x25519 (0x001d)");
  CHECK(value_of(ch, "key_exchange") == "358072d6365880d1aeea329adf9121383851ed21a28e3b75e965d0d2cd166254");
  const auto& sh = records[1].children;
  CHECK(value_of(sh, "random") == "707172737475767778797a7b7c7d7e7f808182838485868788898a8b8c8d8e8f");
  CHECK(value_of(sh, "cipher_suite") == "TLS_AES_256_GCM_SHA384 (0x1302)");
  CHECK(value_of(sh, "key_exchange") == "9fd7ad6dcff4298dd3f96d5b1b2af910a0535b1488d7f8fabb349a982880b615");
  CHECK(value_of(sh, "selected_version") == "TLS 1.3 (0x0304)");
}

TEST_CASE("Illustrated TLS 1.3: protected records without keys show type, ciphertext and tag") {
  auto hello = cat({hl::test::read_binary(kIllustrated + "clienthello.bin"),
                    hl::test::read_binary(kIllustrated + "serverhello.bin"),
                    hl::test::read_binary(kIllustrated + "serverccs.bin")});
  auto encrypted = hl::test::read_binary(kIllustrated + "serverencextensions.bin");
  auto all = cat({hello, encrypted});
  auto records = hl::wire::decode_records(all);
  REQUIRE(records.size() == 4);
  CHECK(coverage_error(records, 0, all.size()).empty());
  CHECK(value_of(records[2].children, "change_cipher_spec") == "0x01");
  CHECK(records[2].children[3].children[0].explain == "change_cipher_spec_compat");
  const auto& protected_record = records[3].children;
  CHECK(protected_record[0].name == "opaque_type");
  CHECK(value_of(protected_record, "encrypted_record").size() == 2 * 7);  // 23 bytes - 16 tag
  CHECK(value_of(protected_record, "auth_tag") == hl::wire::to_hex(std::span(encrypted).last(16)));
}

namespace {

hl::Step record_step(hl::Side from, const std::string& wire_file, const std::string& plain_file = "") {
  hl::Step step;
  step.kind = hl::StepKind::record;
  step.from = from;
  step.bytes = hl::test::read_binary(kIllustrated + wire_file);
  step.version = 0x0304;
  if (plain_file.empty()) return step;
  step.is_protected = true;
  step.plaintext = hl::test::read_binary(kIllustrated + plain_file);
  step.inner_type = step.plaintext.back();
  return step;
}

// The whole Illustrated connection as a transcript, with the published decrypted plaintexts.
hl::Transcript illustrated_transcript() {
  using hl::Side;
  hl::Transcript t;
  t.steps.push_back(record_step(Side::client, "clienthello.bin"));
  t.steps.push_back(record_step(Side::server, "serverhello.bin"));
  t.steps.push_back(record_step(Side::server, "serverccs.bin"));
  t.steps.push_back(record_step(Side::server, "serverencextensions.bin", "serverextensions.bin"));
  t.steps.push_back(record_step(Side::server, "serverenccert.bin", "servercert.bin"));
  t.steps.push_back(record_step(Side::server, "serverenccertverify.bin", "servercertverify.bin"));
  t.steps.push_back(record_step(Side::server, "serverencfinished.bin", "serverfinished.bin"));
  t.steps.push_back(record_step(Side::client, "clientccs.bin"));
  t.steps.push_back(record_step(Side::client, "clientencfinished.bin", "clientfinished.bin"));
  t.steps.push_back(record_step(Side::server, "serverencticket1.bin", "serverticket1.bin"));
  t.steps.push_back(record_step(Side::server, "serverencticket2.bin", "serverticket2.bin"));
  t.steps.push_back(record_step(Side::client, "clientencdata.bin", "clientdata.bin"));
  t.steps.push_back(record_step(Side::server, "serverencdata.bin", "serverdata.bin"));
  t.steps[0].version = t.steps[1].version = 0;  // nothing negotiated yet when the hellos were written
  return t;
}

}  // namespace

TEST_CASE("Illustrated TLS 1.3: every record and every decrypted message covered and named") {
  hl::Transcript t = illustrated_transcript();
  auto decoded = hl::wire::decode_transcript(t);
  REQUIRE(decoded.size() == t.steps.size());
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    INFO("step " << i);
    CHECK(coverage_error(decoded[i].fields, 0, t.steps[i].bytes.size()).empty());
    CHECK(coverage_error(decoded[i].inner_fields, 0, t.steps[i].plaintext.size()).empty());
    CHECK(hl::test::count_malformed(decoded[i].fields) == 0);
    CHECK(hl::test::count_malformed(decoded[i].inner_fields) == 0);
  }
  CHECK(decoded[3].inner_fields[0].value == "EncryptedExtensions");
  CHECK(value_of(decoded[3].inner_fields, "type") == "handshake (0x16)");
  CHECK(decoded[4].inner_fields[0].value == "Certificate");
  CHECK(value_of(decoded[4].inner_fields, "certificate_request_context") == "0 bytes");
  CHECK(value_of(decoded[5].inner_fields, "algorithm") == "rsa_pss_rsae_sha256 (0x0804)");
  CHECK(decoded[6].inner_fields[0].value == "Finished");
  CHECK(decoded[8].inner_fields[0].value == "Finished");
  CHECK(value_of(decoded[9].inner_fields, "ticket_lifetime") == "7200");
  CHECK(value_of(decoded[9].inner_fields, "ticket_nonce") == "0000000000000000");
  CHECK(value_of(decoded[10].inner_fields, "ticket_nonce") == "0000000000000001");
  CHECK(value_of(decoded[11].inner_fields, "application_data") == "\"ping\"");
  CHECK(value_of(decoded[12].inner_fields, "application_data") == "\"pong\"");
  CHECK(value_of(decoded[12].inner_fields, "type") == "application_data (0x17)");
  CHECK(decoded[12].fields[0].name == "opaque_type");
}

TEST_CASE("Illustrated TLS 1.3: the certificate's DER tree and summary match the publication") {
  hl::Transcript t = illustrated_transcript();
  auto decoded = hl::wire::decode_transcript(t);
  auto strings = values_of(decoded[4].inner_fields, "PrintableString");
  CHECK(std::find(strings.begin(), strings.end(), "\"Example CA\"") != strings.end());
  CHECK(std::find(strings.begin(), strings.end(), "\"example.ulfheim.net\"") != strings.end());
  auto oids = values_of(decoded[4].inner_fields, "OBJECT IDENTIFIER");
  CHECK(std::find(oids.begin(), oids.end(), "keyUsage (2.5.29.15)") != oids.end());
  CHECK(std::find(oids.begin(), oids.end(), "extKeyUsage (2.5.29.37)") != oids.end());
  CHECK(std::find(oids.begin(), oids.end(), "rsaEncryption (1.2.840.113549.1.1.1)") != oids.end());

  auto chain = hl::wire::certificate_chain(t, hl::Side::server);
  REQUIRE(chain.size() == 1);
  CHECK(chain[0].size() == 0x325);
  auto summary = hl::wire::summarize_certificate(chain[0]);
  REQUIRE(summary);
  CHECK(summary->issuer == "O=Example CA,C=US");
  CHECK(summary->subject == "CN=example.ulfheim.net,C=US");
  CHECK(summary->serial == "155A92ADC2048F90");
  CHECK(summary->not_before == "2018-10-05 01:38:17 UTC");
  CHECK(summary->not_after == "2019-10-05 01:38:17 UTC");
  CHECK(summary->san.empty());  // this certificate names its host only in the subject CN
  CHECK(summary->key_usage == std::vector<std::string>{"digitalSignature", "keyEncipherment"});
  CHECK(summary->extended_key_usage == std::vector<std::string>{"serverAuth", "clientAuth"});
  CHECK(summary->public_key_type == "RSA");
  CHECK(summary->public_key_bits == 2048);
  CHECK(summary->signature_algorithm == "sha256WithRSAEncryption");
  CHECK_FALSE(summary->has_basic_constraints);
  CHECK_FALSE(summary->is_ca);
  CHECK(summary->sha256_fingerprint.size() == 32 * 3 - 1);
  CHECK(hl::wire::certificate_chain(t, hl::Side::client).empty());
}

TEST_CASE("a handshake message split across records is reassembled and shown in both") {
  hl::Transcript t = illustrated_transcript();
  hl::Transcript split;
  split.steps.push_back(t.steps[0]);
  // Cut the ClientHello record after 100 bytes of its fragment into two records.
  const hl::Bytes& whole = t.steps[0].bytes;
  hl::Bytes first = {0x16, 0x03, 0x01, 0x00, 100};
  first.insert(first.end(), whole.begin() + 5, whole.begin() + 105);
  std::size_t rest_len = whole.size() - 105;
  hl::Bytes second = {0x16, 0x03, 0x01, static_cast<std::uint8_t>(rest_len >> 8), static_cast<std::uint8_t>(rest_len)};
  second.insert(second.end(), whole.begin() + 105, whole.end());
  split.steps[0].bytes = first;
  split.steps.push_back(t.steps[0]);
  split.steps[1].bytes = second;
  auto decoded = hl::wire::decode_transcript(split);
  for (std::size_t i = 0; i < 2; ++i) {
    INFO("record " << i);
    CHECK(coverage_error(decoded[i].fields, 0, split.steps[i].bytes.size()).empty());
    CHECK(hl::test::count_malformed(decoded[i].fields) == 0);
  }
  const Field* part1 = find_field(decoded[0].fields, "ClientHello");
  const Field* part2 = find_field(decoded[1].fields, "ClientHello");
  REQUIRE(part1);
  REQUIRE(part2);
  CHECK(part1->value == "fragment 1 of 2: bytes 0..100 of 248");
  CHECK(part2->value == "fragment 2 of 2: bytes 100..248 of 248");
  CHECK(find_field(decoded[0].fields, "random") != nullptr);      // early fields in the first record
  // The SNI host name straddles the cut: 6 bytes end the first record, 13 start the second.
  const Field* name1 = find_field(decoded[0].fields, "name");
  const Field* name2 = find_field(decoded[1].fields, "name");
  REQUIRE(name1);
  REQUIRE(name2);
  CHECK(name1->offset == 5 + 94);
  CHECK(name1->length == 6);
  CHECK(name2->offset == 5);
  CHECK(name2->length == 13);
  CHECK(name2->value == "\"example.ulfheim.net\" (continues in another record)");
  // handshake_messages hands out the ClientHello once, whole, with offsets into its own bytes.
  auto messages = hl::wire::handshake_messages(split);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].from == hl::Side::client);
  CHECK(messages[0].bytes == hl::Bytes(whole.begin() + 5, whole.end()));
  CHECK(messages[0].tree.name == "ClientHello");
  CHECK(messages[0].tree.offset == 0);
  CHECK(messages[0].tree.length == 248);
  CHECK(coverage_error({messages[0].tree}, 0, 248).empty());
  const Field* whole_name = find_field(messages[0].tree.children, "name");
  REQUIRE(whole_name);
  CHECK(whole_name->value == "\"example.ulfheim.net\"");
  // The same bytes as one stream for decode_records: same reassembly.
  auto records = hl::wire::decode_records(cat({first, second}));
  REQUIRE(records.size() == 2);
  CHECK(coverage_error(records, 0, first.size() + second.size()).empty());
  CHECK(require_field(records[1].children, "name").length == 13);
}

TEST_CASE("several handshake messages in one record are all decoded") {
  auto ee = hl::test::read_binary(kIllustrated + "serverextensions.bin");
  auto cert = hl::test::read_binary(kIllustrated + "servercert.bin");
  hl::Transcript t = illustrated_transcript();
  // One protected record holding EncryptedExtensions and Certificate (inner types stripped, one added back).
  hl::Bytes inner(ee.begin(), ee.end() - 1);
  inner.insert(inner.end(), cert.begin(), cert.end() - 1);
  inner.push_back(0x16);
  inner.push_back(0x00);  // one byte of zero padding
  hl::Step step = t.steps[3];
  step.plaintext = inner;
  std::size_t wire_len = inner.size() + 16;
  step.bytes = {0x17, 0x03, 0x03, static_cast<std::uint8_t>(wire_len >> 8), static_cast<std::uint8_t>(wire_len)};
  step.bytes.resize(5 + wire_len, 0xab);
  hl::Transcript coalesced;
  coalesced.steps = {t.steps[0], t.steps[1], step};
  auto decoded = hl::wire::decode_transcript(coalesced);
  CHECK(coverage_error(decoded[2].inner_fields, 0, inner.size()).empty());
  CHECK(decoded[2].inner_fields[0].value == "EncryptedExtensions, Certificate");
  CHECK(value_of(decoded[2].inner_fields, "zeros") == "1 byte of padding");  // singular for one
}
