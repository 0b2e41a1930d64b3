// core/crypto's pieces on hand-made input: the suite table, key log lines and handshake
// message reassembly, good cases beside their bad twins.
#include <catch2/catch.hpp>

#include <string>

#include "core/crypto/handshake_log.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/keylog.hpp"
#include "core/crypto/suite.hpp"

using namespace hl;
using namespace hl::crypto;

TEST_CASE("suite table: bulk cipher, hash and lengths read off the IANA name") {
  auto gcm13 = suite_crypto(0x1301);
  REQUIRE(gcm13);
  CHECK(gcm13->tls13);
  CHECK(gcm13->digest == "SHA256");
  CHECK(gcm13->key_len == 16);
  CHECK(gcm13->fixed_iv_len == 12);
  CHECK(gcm13->tag_len == 16);
  auto ccm8 = suite_crypto(0x1305);
  REQUIRE(ccm8);
  CHECK(ccm8->tag_len == 8);
  auto aes256 = suite_crypto(0x1302);
  REQUIRE(aes256);
  CHECK(aes256->digest == "SHA384");
  auto ecdhe_gcm = suite_crypto(0xC02F);  // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
  REQUIRE(ecdhe_gcm);
  CHECK(ecdhe_gcm->fixed_iv_len == 4);
  CHECK(ecdhe_gcm->explicit_nonce_len == 8);
  auto chacha = suite_crypto(0xCCA8);
  REQUIRE(chacha);
  CHECK(chacha->fixed_iv_len == 12);
  CHECK(chacha->explicit_nonce_len == 0);
  auto cbc = suite_crypto(0x002F);  // TLS_RSA_WITH_AES_128_CBC_SHA
  REQUIRE(cbc);
  CHECK(cbc->mode == RecordMode::cbc);
  CHECK(cbc->mac_digest == "SHA1");
  CHECK(cbc->mac_len == 20);
  CHECK(cbc->digest == "SHA256");
  auto rsa_ccm8 = suite_crypto(0xC0A0);  // TLS_RSA_WITH_AES_128_CCM_8: no hash in the name, PRF SHA-256
  REQUIRE(rsa_ccm8);
  CHECK(rsa_ccm8->digest == "SHA256");
  CHECK(rsa_ccm8->tag_len == 8);
  CHECK(rsa_ccm8->fixed_iv_len == 4);
  CHECK(rsa_ccm8->mac_len == 0);
  CHECK_FALSE(suite_crypto(0x0005));  // RC4: the lab does not open it
  CHECK_FALSE(suite_crypto(0xFFFF));
}

TEST_CASE("key log lines parse; malformed ones are refused") {
  const std::string random(64, 'a');
  auto entry = parse_keylog_line("CLIENT_RANDOM " + random + " " + std::string(96, '0'));
  REQUIRE(entry);
  CHECK(entry->client_random.size() == 32);
  CHECK(entry->secret.size() == 48);
  CHECK_FALSE(parse_keylog_line("# comment"));
  CHECK_FALSE(parse_keylog_line("CLIENT_RANDOM " + random));                 // no secret
  CHECK_FALSE(parse_keylog_line("CLIENT_RANDOM " + random.substr(1) + " 00"));  // odd hex
  CHECK_FALSE(parse_keylog_line("CLIENT_RANDOM " + random + " zz"));
  CHECK_FALSE(parse_keylog_line("CLIENT_RANDOM " + random + " 00 trailing"));
  CHECK(parse_keylog_line("RSA 0011223344556677 " + std::string(96, '1')));  // 8-byte prefix only for RSA
  CHECK_FALSE(parse_keylog_line("CLIENT_RANDOM 0011223344556677 00"));
}

TEST_CASE("handshake messages: reassembled per direction, truncated tails left out") {
  Step record;
  record.kind = StepKind::record;
  record.bytes = {22, 3, 3, 0, 6, 1, 0, 0, 2, 0xAA, 0xBB};  // one whole ClientHello-typed message
  Step half = record;
  half.bytes = {22, 3, 3, 0, 3, 2, 0, 0};  // a ServerHello header cut short
  half.from = Side::server;
  Transcript t;
  t.steps = {record, half};
  auto messages = handshake_messages(t);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].type == 1);
  CHECK(messages[0].step == 1);
  CHECK(messages[0].bytes.size() == 6);
  // A message split over two records completes at the second.
  Step first = record, second = record;
  first.bytes = {22, 3, 3, 0, 3, 1, 0, 0};
  second.bytes = {22, 3, 3, 0, 3, 2, 0xAA, 0xBB};
  t.steps = {first, second};
  messages = handshake_messages(t);
  REQUIRE(messages.size() == 1);
  CHECK(messages[0].step == 2);
  // Garbage: a record too short for a header gives nothing, and no crash.
  Step garbage = record;
  garbage.bytes = {22, 3};
  t.steps = {garbage};
  CHECK(handshake_messages(t).empty());
  CHECK(compute_key_schedule(t).unavailable.find("ClientHello") != std::string::npos);
}
