// The recomputed key schedule and record protection (core/crypto) on live runs across
// versions, groups and suites: every key-log secret and Finished matches, every protected
// record opens to the plaintext the endpoint reported; tampering and failed runs are reported.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/crypto/key_exchange.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/engine/engine.hpp"

using namespace hl;
using namespace hl::crypto;

namespace {

Transcript run_with(std::initializer_list<std::pair<const char*, const char*>> settings) {
  Scenario scenario;
  scenario.seed = 7;
  for (const auto& [key, value] : settings) REQUIRE(set_scenario_field(scenario, key, value).empty());
  return run_scenario(scenario);
}

std::string failed_checks(const KeySchedule& schedule) {
  std::string out;
  for (const auto& check : schedule.checks)
    if (!check.ok) out += check.what + ": " + check.detail + "\n";
  return out;
}

std::string failed_checks(const KeyExchange& exchange) {
  std::string out;
  for (const auto& check : exchange.checks)
    if (!check.ok) out += check.what + ": " + check.detail + "\n";
  return out;
}

// The key exchange checks out and feeds the schedule: its top secret is recomputed from the
// shared secret (premaster), never taken from the key log.
void check_exchange(const Transcript& t, std::uint16_t version) {
  const KeyExchange kx = key_exchange(t);
  INFO(failed_checks(kx));
  CHECK(kx.all_checks_pass());
  CHECK(kx.checks.size() >= 2);
  const KeySchedule schedule = compute_key_schedule(t);
  const char* top = version == 0x0304 ? "handshake_secret" : "master_secret";
  REQUIRE(schedule.find(top));
  CHECK(schedule.find(top)->source == ValueSource::recomputed);
  const char* input = version == 0x0304 ? "shared_secret" : "pre_master_secret";
  REQUIRE(schedule.bytes(input));
  CHECK(schedule.find(input)->source == ValueSource::input);
  const KeyExchangeValue* fed = kx.find(kx.kind == "rsa" ? "premaster" : "shared_secret");
  REQUIRE(fed);
  CHECK(fed->value == *schedule.bytes(input));
  for (const auto& v : kx.values) {  // every byte range points at the value on the wire
    if (v.length == 0) continue;
    INFO(v.name);
    const Bytes& wire = t.steps[v.step - 1].bytes;
    REQUIRE(v.offset + v.length <= wire.size());
    CHECK(Bytes(wire.begin() + static_cast<std::ptrdiff_t>(v.offset),
                wire.begin() + static_cast<std::ptrdiff_t>(v.offset + v.length)) == v.value);
  }
}

std::size_t num_protected(const Transcript& t) {
  std::size_t n = 0;
  for (const auto& step : t.steps) n += step.kind == StepKind::record && step.is_protected;
  return n;
}

// The schedule matches the key log and both Finished messages; every protected record opens.
void check_run(const Transcript& t, std::uint16_t version) {
  INFO(t.failure);
  REQUIRE(t.failure.empty());
  const KeySchedule schedule = compute_key_schedule(t);
  INFO(schedule.unavailable);
  REQUIRE(schedule.version == version);
  INFO(failed_checks(schedule));
  CHECK(schedule.all_checks_pass());
  CHECK(compute_key_schedule(t, {}).all_checks_pass());  // from the key log alone, too
  check_exchange(t, version);
  std::size_t num_finished = 0, num_keylog = 0;
  for (const auto& check : schedule.checks) {
    num_finished += check.what.find("Finished") != std::string::npos;
    num_keylog += check.what.find(" = ") != std::string::npos;
  }
  CHECK(num_finished == 2);
  CHECK(num_keylog >= (version == 0x0304 ? 10u : 2u));  // both sides log every secret
  const auto records = open_records(t, schedule);
  REQUIRE(records.size() == num_protected(t));
  REQUIRE_FALSE(records.empty());
  for (const auto& record : records) {
    INFO("step " << record.step << ": " << record.problem);
    CHECK(record.opened);
    CHECK(record.matches_plaintext);
    CHECK(record.problem.empty());
    const Step& step = t.steps[record.step - 1];
    CHECK(record.ciphertext.offset + record.ciphertext.len + record.tag.len + record.mac.len == step.bytes.size());
  }
}

}  // namespace

TEST_CASE("TLS 1.3 X25519 AES-128-GCM: schedule, key log, Finished and every record") {
  Transcript t = run_with({{"ciphers", "TLS_AES_128_GCM_SHA256"}});
  check_run(t, 0x0304);
  const KeySchedule schedule = compute_key_schedule(t, {});
  // Without the shared secret the handshake secret is unavailable, with a reason, never invented.
  const ScheduleValue* handshake = schedule.find("handshake_secret");
  REQUIRE(handshake);
  CHECK_FALSE(handshake->available());
  CHECK(handshake->value.empty());
  CHECK(handshake->unavailable.find("shared secret") != std::string::npos);
  const ScheduleValue* chts = schedule.find("client_handshake_traffic_secret");
  REQUIRE(chts);
  CHECK(chts->source == ValueSource::key_log);
  CHECK(chts->label == "c hs traffic");
  CHECK(chts->transcript_steps.size() == 2);  // ClientHello .. ServerHello
  REQUIRE(schedule.bytes("server_handshake_traffic_secret_key"));
  CHECK(schedule.bytes("server_handshake_traffic_secret_key")->size() == 16);
  CHECK(schedule.bytes("server_handshake_traffic_secret_iv")->size() == 12);
  CHECK(schedule.bytes("server_handshake_traffic_secret_finished_key")->size() == 32);
  CHECK(schedule.bytes("early_secret"));  // no PSK: HKDF-Extract(0, 0)
  CHECK_FALSE(schedule.find("resumption_master_secret")->available());
  // The server's first protected record is EncryptedExtensions under its handshake key, seq 0.
  const auto records = open_records(t, schedule);
  CHECK(records[0].secret == "server_handshake_traffic_secret");
  CHECK(records[0].seq == 0);
  const Bytes& first = t.steps[records[0].step - 1].bytes;
  REQUIRE(records[0].aad.size() == 5);  // TLS 1.3: the record header is the additional data
  CHECK(std::equal(records[0].aad.begin(), records[0].aad.end(), first.begin()));
  CHECK(records[0].nonce == *schedule.bytes("server_handshake_traffic_secret_iv"));  // seq 0: IV XOR 0
  CHECK(records[1].seq == 1);
  CHECK(records[1].nonce != records[0].nonce);
  bool saw_application = false;
  for (const auto& record : records) saw_application |= record.secret == "client_application_traffic_secret_0";
  CHECK(saw_application);
}

TEST_CASE("TLS 1.3 across groups and suites") {
  SECTION("default: AES-256-GCM SHA-384") { check_run(run_with({}), 0x0304); }
  SECTION("P-256") { check_run(run_with({{"groups", "P-256"}, {"server-groups", "P-256"}}), 0x0304); }
  SECTION("P-384") { check_run(run_with({{"groups", "P-384"}, {"server-groups", "P-384"}}), 0x0304); }
  SECTION("P-521") { check_run(run_with({{"groups", "P-521"}, {"server-groups", "P-521"}}), 0x0304); }
  SECTION("X448") { check_run(run_with({{"groups", "X448"}, {"server-groups", "X448"}}), 0x0304); }
  SECTION("ffdhe2048") { check_run(run_with({{"groups", "ffdhe2048"}, {"server-groups", "ffdhe2048"}}), 0x0304); }
  SECTION("ffdhe3072") { check_run(run_with({{"groups", "ffdhe3072"}, {"server-groups", "ffdhe3072"}}), 0x0304); }
  SECTION("HelloRetryRequest: message_hash replaces the first ClientHello") {
    Transcript t = run_with({{"groups", "X25519:P-256"}, {"server-groups", "P-256"}});
    check_run(t, 0x0304);
    const KeySchedule schedule = compute_key_schedule(t);  // kept alive: find() points into it
    const ScheduleValue* shts = schedule.find("server_handshake_traffic_secret");
    REQUIRE(shts);
    CHECK(shts->note.find("message_hash") != std::string::npos);
    CHECK(shts->transcript_steps.size() == 4);  // CH1, HRR, CH2, SH
  }
  SECTION("AES-256-GCM SHA-384") { check_run(run_with({{"ciphers", "TLS_AES_256_GCM_SHA384"}}), 0x0304); }
  SECTION("ChaCha20-Poly1305") { check_run(run_with({{"ciphers", "TLS_CHACHA20_POLY1305_SHA256"}}), 0x0304); }
  SECTION("AES-128-CCM") { check_run(run_with({{"ciphers", "TLS_AES_128_CCM_SHA256"}}), 0x0304); }
  SECTION("AES-128-CCM_8, 8-byte tags") {
    Transcript t = run_with({{"ciphers", "TLS_AES_128_CCM_8_SHA256"}});
    check_run(t, 0x0304);
    for (const auto& record : open_records(t, compute_key_schedule(t))) CHECK(record.tag.len == 8);
  }
}

TEST_CASE("TLS 1.2 across key exchanges and record ciphers") {
  SECTION("ECDHE-ECDSA AES-128-GCM: salt + explicit nonce") {
    Transcript t = run_with({{"version", "1.2"}, {"ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256"}});
    check_run(t, 0x0303);
    CHECK(compute_key_schedule(t, {}).find("master_secret")->source == ValueSource::key_log);
    const KeySchedule schedule = compute_key_schedule(t);
    CHECK(schedule.find("master_secret")->source == ValueSource::recomputed);
    CHECK(schedule.find("session_hash"));  // OpenSSL negotiates the extended master secret
    CHECK(schedule.bytes("client_write_iv")->size() == 4);
    CHECK_FALSE(schedule.find("client_write_mac_key"));
    const auto records = open_records(t, schedule);
    const Step& step = t.steps[records[0].step - 1];
    CHECK(records[0].explicit_nonce.len == 8);
    CHECK(Bytes(records[0].nonce.begin() + 4, records[0].nonce.end()) ==
          Bytes(step.bytes.begin() + 5, step.bytes.begin() + 13));
    CHECK(records[0].aad.size() == 13);
  }
  SECTION("ECDHE-RSA ChaCha20-Poly1305") {
    check_run(run_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "ECDHE-RSA-CHACHA20-POLY1305"}}), 0x0303);
  }
  SECTION("ECDHE-ECDSA AES-256-GCM SHA-384") {
    check_run(run_with({{"version", "1.2"}, {"ciphers", "ECDHE-ECDSA-AES256-GCM-SHA384"}}), 0x0303);
  }
  SECTION("ECDHE-ECDSA AES-128-CBC-SHA: encrypt-then-MAC") {
    Transcript t = run_with({{"version", "1.2"}, {"ciphers", "ECDHE-ECDSA-AES128-SHA"}});
    check_run(t, 0x0303);
    const auto records = open_records(t, compute_key_schedule(t));
    CHECK(records[0].cbc);
    CHECK(records[0].encrypt_then_mac);
    CHECK(records[0].mac.len == 20);
    CHECK(records[0].explicit_nonce.len == 16);
    CHECK(records[0].padding.len >= 1);
  }
  SECTION("DHE-RSA AES-128-GCM") {
    check_run(run_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "DHE-RSA-AES128-GCM-SHA256"}}), 0x0303);
  }
  SECTION("DHE-RSA ChaCha20-Poly1305") {
    check_run(run_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "DHE-RSA-CHACHA20-POLY1305"}}), 0x0303);
  }
  SECTION("DHE-RSA AES-128-CBC-SHA256") {
    check_run(run_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "DHE-RSA-AES128-SHA256"}}), 0x0303);
  }
  SECTION("ECDHE-ECDSA without the extended master secret") {
    check_run(run_with({{"version", "1.2"}, {"ems", "false"}}), 0x0303);
  }
  SECTION("RSA key exchange: the premaster the lab decrypted (or the key log's RSA line), master recomputed") {
    Transcript t = run_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-SHA256"}});
    check_run(t, 0x0303);
    CHECK(compute_key_schedule(t, {}).find("pre_master_secret")->source == ValueSource::key_log);
    const KeySchedule schedule = compute_key_schedule(t);
    CHECK(schedule.find("pre_master_secret")->source == ValueSource::input);
    CHECK(schedule.bytes("pre_master_secret")->size() == 48);
    CHECK(schedule.find("master_secret")->source == ValueSource::recomputed);
    CHECK(schedule.bytes("client_write_mac_key")->size() == 32);
  }
  SECTION("RSA key exchange, AES-128-CCM_8") {
    check_run(run_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-CCM8"}}), 0x0303);
  }
}

// Mutual TLS puts the client's Certificate and CertificateVerify (and, after a TLS 1.3
// handshake, a CertificateRequest and a second client Finished) into the transcript: the
// recomputed transcript hashes must still give OpenSSL's secrets and Finished.
TEST_CASE("client certificates in the transcript: the recomputation still agrees with OpenSSL") {
  SECTION("TLS 1.3, asked in the handshake") { check_run(run_with({{"client-cert", "on"}}), 0x0304); }
  SECTION("TLS 1.3, post-handshake") { check_run(run_with({{"client-cert", "post-handshake"}}), 0x0304); }
  SECTION("TLS 1.2 ECDHE, the client's CertificateVerify before its Finished") {
    Transcript t = run_with({{"version", "1.2"}, {"client-cert", "on"}});
    REQUIRE(std::any_of(t.steps.begin(), t.steps.end(), [](const Step& s) {
      return s.from == Side::client && carries(s, HandshakeType::certificate_verify);
    }));
    check_run(t, 0x0303);
    CHECK(compute_key_schedule(t).find("session_hash"));  // EMS: the hash runs to the ClientKeyExchange, client Certificate included
  }
  SECTION("TLS 1.2 RSA key transport") {
    check_run(run_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-GCM-SHA256"}, {"client-cert", "on"}}),
              0x0303);
  }
}

TEST_CASE("a wrong key-log secret is a reported mismatch, never hidden") {
  Transcript t = run_with({});
  auto line = std::find_if(t.keylog.begin(), t.keylog.end(),
                           [](const std::string& l) { return l.rfind("SERVER_HANDSHAKE_TRAFFIC_SECRET ", 0) == 0; });
  REQUIRE(line != t.keylog.end());
  line->back() = line->back() == '0' ? '1' : '0';
  for (auto& step : t.steps)  // drop the events, so the key log is the only source
    for (auto& part : step.parts)
      if (part.kind == EventKind::secret) part.keylog_line.clear();
  const KeySchedule schedule = compute_key_schedule(t);
  CHECK_FALSE(schedule.all_checks_pass());
  CHECK(failed_checks(schedule).find("MISMATCH") != std::string::npos);
}

TEST_CASE("a record changed after the fact does not open, and says why") {
  Transcript t = run_with({});
  const KeySchedule schedule = compute_key_schedule(t);
  auto records = open_records(t, schedule);
  REQUIRE_FALSE(records.empty());
  t.steps[records.back().step - 1].bytes.back() ^= 0x01;  // the last tag byte
  records = open_records(t, schedule);
  CHECK_FALSE(records.back().opened);
  CHECK(records.back().problem.find("tag") != std::string::npos);
}

TEST_CASE("failed and aborted handshakes give a partial schedule, no crash") {
  SECTION("no shared group: nothing after the ClientHello") {
    Transcript t = run_with({{"groups", "P-256"}, {"server-groups", "X25519"}});
    REQUIRE_FALSE(t.failure.empty());
    const KeySchedule schedule = compute_key_schedule(t);
    CHECK_FALSE(schedule.unavailable.empty());
    CHECK(open_records(t, schedule).empty());
  }
  SECTION("certificate rejected: application secrets exist, the client's Finished was never sent") {
    Transcript t = run_with({{"verify-name", "other.example"}});
    REQUIRE_FALSE(t.failure.empty());
    const KeySchedule schedule = compute_key_schedule(t);
    const ScheduleValue* resumption = schedule.find("resumption_master_secret");
    REQUIRE(resumption);
    CHECK(resumption->unavailable.find("not reached") != std::string::npos);
    INFO(failed_checks(schedule));
    CHECK(schedule.all_checks_pass());
    for (const auto& record : open_records(t, schedule)) CHECK(record.opened);
  }
  SECTION("TLS 1.2 with the server's flight dropped") {
    Transcript t = run_with({{"version", "1.2"}, {"tickets", "0"}});
    t.steps.resize(t.steps.size() / 2);
    const KeySchedule schedule = compute_key_schedule(t);
    for (const auto& record : open_records(t, schedule)) CHECK((record.opened || !record.problem.empty()));
  }
}

TEST_CASE("hostile transcripts (cut, overlong and garbled records and plaintexts) never crash the schedule") {
  for (const char* version : {"1.3", "1.2"}) {
    const Transcript original = run_with({{"version", version}});
    for (std::size_t i = 0; i < original.steps.size(); ++i) {
      if (original.steps[i].kind != StepKind::record) continue;
      for (int how = 0; how < 4; ++how) {
        Transcript t = original;
        Step& step = t.steps[i];
        if (how == 0) step.bytes.resize(step.bytes.size() / 2);                 // truncated record
        if (how == 1) step.bytes.insert(step.bytes.end(), 40, 0xEE);            // trailing bytes
        if (how == 2) step.plaintext.assign(step.plaintext.size() + 3, 0xFF);   // overlong garbage plaintext
        if (how == 3) step.plaintext.clear();                                   // nothing decrypted
        const KeySchedule schedule = compute_key_schedule(t);
        for (const auto& record : open_records(t, schedule)) {
          INFO(version << " step " << i + 1 << " how " << how);
          CHECK((record.opened || !record.problem.empty()));
        }
      }
    }
  }
}

namespace {

std::size_t exchange_len(const KeyExchange& exchange, const std::string& name) {
  const KeyExchangeValue* v = exchange.find(name);
  return v == nullptr ? 0 : v->value.size();
}

}  // namespace

TEST_CASE("key exchange: each side's keys, its own shared secret, and what OpenSSL does not give") {
  SECTION("TLS 1.3 X25519: both private keys, both derivations, equal") {
    Transcript t = run_with({});
    const KeyExchange kx = key_exchange(t);
    CHECK(kx.kind == "ecdhe");
    CHECK(kx.group == "x25519");
    for (const char* name : {"client_private", "client_public", "server_private", "server_public", "client_shared_secret",
                             "server_shared_secret", "shared_secret"}) {
      INFO(name);
      CHECK(exchange_len(kx, name) == 32);
    }
    CHECK(kx.find("client_shared_secret")->value == kx.find("server_shared_secret")->value);
    CHECK(kx.find("client_private")->value != kx.find("server_private")->value);
    CHECK(kx.find("client_public")->step < kx.find("server_public")->step);
    CHECK(kx.find("client_public")->length == 32);
    CHECK(kx.find("client_private")->length == 0);  // never on the wire
    CHECK(kx.all_checks_pass());
  }
  SECTION("TLS 1.3 P-256 after a HelloRetryRequest: the second ClientHello's share and key") {
    Transcript t = run_with({{"groups", "X25519:P-256"}, {"server-groups", "P-256"}});
    const KeyExchange kx = key_exchange(t);
    CHECK(kx.group == "secp256r1");
    CHECK(exchange_len(kx, "server_public") == 65);
    CHECK(exchange_len(kx, "client_private") == 32);
    CHECK(kx.find("client_public")->step > 1);
    CHECK(kx.all_checks_pass());
  }
  SECTION("TLS 1.3 ffdhe2048: the shared secret is padded to the size of p") {
    Transcript t = run_with({{"groups", "ffdhe2048"}, {"server-groups", "ffdhe2048"}});
    const KeyExchange kx = key_exchange(t);
    CHECK(kx.kind == "dhe");
    CHECK(exchange_len(kx, "shared_secret") == 256);
    CHECK(exchange_len(kx, "client_public") == 256);
  }
  SECTION("TLS 1.2 ECDHE: the server's key only; the client's is unavailable and says why") {
    Transcript t = run_with({{"version", "1.2"}, {"groups", "P-256"}, {"server-groups", "P-256"}});
    const KeyExchange kx = key_exchange(t);
    CHECK(kx.group == "secp256r1");
    CHECK(exchange_len(kx, "client_public") == 65);
    CHECK(exchange_len(kx, "server_private") == 32);
    CHECK(exchange_len(kx, "shared_secret") == 32);
    for (const char* name : {"client_private", "client_shared_secret"}) {
      INFO(name);
      REQUIRE(kx.find(name));
      CHECK(kx.find(name)->value.empty());
      CHECK_THAT(kx.find(name)->unavailable, Catch::Contains("never keeps the TLS 1.2 client's ephemeral key"));
    }
    CHECK(exchange_len(kx, "server_params") == 1 + 2 + 1 + 65);  // curve_type, named_curve, point<1..2^8-1>
    CHECK(kx.find("signature")->note.find("ecdsa_secp256r1_sha256") != std::string::npos);
    const auto signature_check = std::find_if(kx.checks.begin(), kx.checks.end(), [](const ScheduleCheck& c) {
      return c.what.rfind("ServerKeyExchange signature", 0) == 0;
    });
    REQUIRE(signature_check != kx.checks.end());
    CHECK(signature_check->ok);
  }
  SECTION("TLS 1.2 DHE: p, g and the server's value; leading zeros of the secret stripped") {
    Transcript t = run_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "DHE-RSA-AES128-GCM-SHA256"}});
    const KeyExchange kx = key_exchange(t);
    CHECK(kx.kind == "dhe");
    CHECK(exchange_len(kx, "dh_p") == 256);
    CHECK(exchange_len(kx, "dh_g") == 1);
    REQUIRE(exchange_len(kx, "shared_secret") > 0);
    CHECK(kx.find("shared_secret")->value[0] != 0);
    CHECK(kx.all_checks_pass());
  }
  SECTION("TLS 1.2 RSA: the encrypted premaster, opened with the lab's server key") {
    Transcript t = run_with({{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-SHA256"}});
    const KeyExchange kx = key_exchange(t);
    CHECK(kx.kind == "rsa");
    CHECK(exchange_len(kx, "encrypted_premaster") == 256);
    REQUIRE(exchange_len(kx, "premaster") == 48);
    CHECK(kx.find("premaster_version")->value == Bytes{3, 3});
    CHECK(kx.find("premaster")->value[0] == 3);
    CHECK(kx.checks.size() == 2);  // version bytes, and the key log's RSA line
    CHECK(kx.all_checks_pass());
    Transcript without_key = t;  // a capture file has no server key: the premaster is unavailable, with the reason
    without_key.keys.server_rsa_der.clear();
    const KeyExchange blind = key_exchange(without_key);
    CHECK(blind.find("premaster")->value.empty());
    CHECK_THAT(blind.find("premaster")->unavailable, Catch::Contains("server's RSA key"));
  }
}

TEST_CASE("key exchange: a key that does not fit, or two sides that disagree, is a failed check, never hidden") {
  Transcript t = run_with({});
  Transcript swapped = t;
  swapped.keys.server = run_scenario(Scenario{}).keys.server;  // another run's server key
  REQUIRE(swapped.keys.server.private_value != t.keys.server.private_value);
  const KeyExchange kx = key_exchange(swapped);
  CHECK_FALSE(kx.all_checks_pass());
  CHECK(kx.find("shared_secret")->value.empty());
  CHECK_THAT(kx.find("shared_secret")->unavailable, Catch::Contains("different values"));
  // With no agreed shared secret the schedule falls back on the key log, and still checks out.
  CHECK_FALSE(kx.secrets().shared_secret);
  CHECK(compute_key_schedule(swapped).find("handshake_secret")->value.empty());
}

// Mallory terminating TLS holds two sessions: connection 1 (the client with her server) and
// connection 2 (her client with the server). Each is recomputed from its own endpoints' keys,
// every key-log secret and both Finished of BOTH connections check out, and the two share nothing.
TEST_CASE("a man in the middle: two separate sessions, each recomputed from its own keys and checked") {
  for (const char* version : {"1.3", "1.2"}) {
    INFO("TLS " << version);
    const Transcript t = run_with({{"attack", "mitm-clickthrough"}, {"version", version}});
    INFO(t.failure);
    REQUIRE(t.handshake_complete);
    const std::vector<ConnectionCrypto> connections = connection_crypto(t);
    REQUIRE(connections.size() == 2);
    std::vector<KeySchedule> schedules;
    for (const auto& [kx, schedule] : connections) {
      INFO("connection " << schedule.connection << "\n" << failed_checks(kx) << failed_checks(schedule));
      CHECK(kx.connection == schedule.connection);
      CHECK(kx.all_checks_pass());
      CHECK(schedule.all_checks_pass());
      CHECK(schedule.unavailable.empty());
      REQUIRE(kx.find("server_private"));
      CHECK_FALSE(kx.find("server_private")->value.empty());  // Mallory's server on 1, the real server on 2
      if (std::string(version) == "1.3") CHECK_FALSE(kx.find("client_private")->value.empty());
      const char* top = std::string(version) == "1.3" ? "handshake_secret" : "master_secret";
      REQUIRE(schedule.find(top));
      CHECK(schedule.find(top)->source == ValueSource::recomputed);
      std::size_t num_finished = 0, num_keylog = 0;
      for (const auto& check : schedule.checks) {
        num_finished += check.what.find("Finished") != std::string::npos;
        num_keylog += check.what.find(" = ") != std::string::npos;
      }
      CHECK(num_finished == 2);
      CHECK(num_keylog >= (std::string(version) == "1.3" ? 10u : 2u));  // both endpoints of the connection log
      schedules.push_back(schedule);
    }
    CHECK(schedules[0].connection == 1);
    CHECK(schedules[1].connection == 2);
    const KeyExchangeValue* near_secret = connections[0].exchange.find("shared_secret");
    const KeyExchangeValue* far_secret = connections[1].exchange.find("shared_secret");
    REQUIRE(near_secret);
    REQUIRE(far_secret);
    CHECK_FALSE(near_secret->value.empty());
    CHECK(near_secret->value != far_secret->value);
    CHECK(*schedules[0].bytes("master_secret") != *schedules[1].bytes("master_secret"));
    // Every record of both connections opens with the keys of its own connection.
    const auto records = open_records(t, std::span<const KeySchedule>(schedules));
    const auto num_sent = std::count_if(t.steps.begin(), t.steps.end(), [](const Step& s) {
      return s.kind == StepKind::record && s.is_protected && !s.by_attacker;
    });
    CHECK(records.size() == static_cast<std::size_t>(num_sent));
    for (const auto& record : records) {
      INFO("step " << record.step << ": " << record.problem);
      CHECK(record.opened);
      CHECK(record.matches_plaintext);
    }
  }
}

TEST_CASE("a man in the middle whose certificate the client refuses: connection 2 never starts, and the reasons say why") {
  const Transcript t = run_with({{"attack", "mitm"}});
  const std::vector<ConnectionCrypto> connections = connection_crypto(t);
  REQUIRE(connections.size() == 1);  // she opens her connection to the server only once the client accepts her
  const KeyExchange& kx = connections[0].exchange;
  REQUIRE(kx.find("server_private"));
  CHECK_FALSE(kx.find("server_private")->value.empty());  // her server's key, captured like any server's
  CHECK(kx.all_checks_pass());
}

TEST_CASE("key-update: records after each KeyUpdate open under the next generation, sequence numbers from 0") {
  const Transcript t = run_with({{"key-update", "on"}});
  INFO(t.failure);
  REQUIRE(t.failure.empty());
  // OpenSSL 3.0 logs updated secrets under a literal N; the recomputation is checked against them.
  for (const auto& line : t.keylog) CHECK(line.find("TRAFFIC_SECRET_1") == std::string::npos);
  const KeySchedule schedule = compute_key_schedule(t);
  INFO(failed_checks(schedule));
  CHECK(schedule.all_checks_pass());
  std::size_t updated_checks = 0;
  for (const auto& check : schedule.checks) updated_checks += check.what.find("TRAFFIC_SECRET_N #1") != std::string::npos;
  CHECK(updated_checks == 4);  // each direction's generation 1, as its sender and its receiver logged it
  for (const char* name : {"server_application_traffic_secret_1", "client_application_traffic_secret_1"}) {
    INFO(name);
    REQUIRE(schedule.find(name));
    CHECK(schedule.find(name)->source == ValueSource::recomputed);
    CHECK(schedule.find(name)->label == "traffic upd");
    CHECK(schedule.bytes(std::string(name) + "_key"));
  }
  CHECK(*schedule.bytes("server_application_traffic_secret_1") != *schedule.bytes("server_application_traffic_secret_0"));
  // KeyUpdate: the server's with update_requested (1), the client's answer with update_not_requested (0).
  std::vector<std::pair<Side, std::uint8_t>> updates;
  std::size_t server_update_step = 0;
  for (std::size_t i = 0; i < t.steps.size(); ++i)
    for (auto type : t.steps[i].messages)
      if (type == HandshakeType::key_update) {
        const Bytes& p = t.steps[i].plaintext;
        REQUIRE(p.size() >= 5);
        updates.emplace_back(t.steps[i].from, p[4]);
        if (t.steps[i].from == Side::server) server_update_step = i + 1;
      }
  REQUIRE(updates.size() == 2);
  CHECK(updates[0] == std::pair<Side, std::uint8_t>{Side::server, 1});
  CHECK(updates[1] == std::pair<Side, std::uint8_t>{Side::client, 0});
  const auto records = open_records(t, schedule);
  bool server_data_after = false;
  std::uint64_t expected_seq = 0;
  for (const auto& r : records) {
    INFO("step " << r.step << ": " << r.problem);
    CHECK(r.opened);
    CHECK(r.matches_plaintext);
    const Step& step = t.steps[r.step - 1];
    if (step.from != Side::server || r.step <= server_update_step) continue;
    CHECK(r.secret == "server_application_traffic_secret_1");
    CHECK(r.seq == expected_seq++);  // the first record under the new keys is number 0
    if (r.content_type != 23) continue;
    const std::string content(r.decrypted.begin() + static_cast<std::ptrdiff_t>(r.content.offset),
                              r.decrypted.begin() + static_cast<std::ptrdiff_t>(r.content.offset + r.content.len));
    CHECK(content.rfind("HTTP/1.1 ", 0) == 0);  // the response the server wrote, opened with the recomputed keys
    server_data_after = true;
  }
  CHECK(server_data_after);
  CHECK(expected_seq >= 1);
}

TEST_CASE("key-update with TLS 1.2 is refused as a usage error") {
  Scenario scenario;
  REQUIRE(set_scenario_field(scenario, "version", "1.2").empty());
  REQUIRE(set_scenario_field(scenario, "key-update", "on").empty());
  const Transcript t = run_scenario(scenario);
  CHECK(t.rejected);
  CHECK(t.failure.find("KeyUpdate message exists only in TLS 1.3") != std::string::npos);
}

TEST_CASE("certificate keys and signature schemes: each runs, is named, and the recomputation agrees") {
  struct Case {
    const char* version;
    const char* cert;
    const char* sigalgs;  // empty: OpenSSL's defaults
    const char* groups;
    const char* expected_sigalg;
  };
  // TLS 1.2 ECDSA: the leaf's curve must be among the client's groups (RFC 8422 §5.1), hence P-384 there.
  const Case c = GENERATE(Case{"1.3", "ed448", "", "X25519:P-256", "ed448"},
                          Case{"1.2", "ed448", "", "X25519:P-256", "ed448"},
                          Case{"1.3", "ecdsa-p384", "", "X25519:P-256", "ecdsa_secp384r1_sha384"},
                          Case{"1.2", "ecdsa-p384", "", "X25519:P-256:P-384", ""},
                          Case{"1.3", "rsa-pss", "", "X25519:P-256", "rsa_pss_pss_sha256"},
                          Case{"1.2", "rsa-pss", "", "X25519:P-256", "rsa_pss_pss_sha256"},
                          Case{"1.3", "rsa-2048", "rsa_pss_rsae_sha256", "X25519:P-256", "rsa_pss_rsae_sha256"},
                          Case{"1.3", "rsa-2048", "rsa_pss_rsae_sha384", "X25519:P-256", "rsa_pss_rsae_sha384"},
                          Case{"1.2", "rsa-2048", "rsa_pss_rsae_sha256", "X25519:P-256", "rsa_pss_rsae_sha256"});
  INFO(c.version << " cert=" << c.cert << " sigalgs=" << c.sigalgs);
  Scenario scenario;
  scenario.seed = 7;
  for (const auto& [key, value] : {std::pair{"version", c.version}, {"cert", c.cert}, {"groups", c.groups},
                                   {"server-groups", c.groups}})
    REQUIRE(set_scenario_field(scenario, key, value).empty());
  if (*c.sigalgs) REQUIRE(set_scenario_field(scenario, "sigalgs", c.sigalgs).empty());
  const Transcript t = run_scenario(scenario);
  check_run(t, std::string(c.version) == "1.3" ? 0x0304 : 0x0303);
  if (*c.expected_sigalg) CHECK(t.negotiated.sigalg == c.expected_sigalg);
  else CHECK(t.negotiated.sigalg.starts_with("ecdsa_"));
}
