// Seeded mode: the same seed gives byte-identical runs (wire, plaintext, every event),
// another seed or no seed gives different bytes.
#include <catch2/catch.hpp>

#include <string>
#include <thread>

#include "core/engine/engine.hpp"

using namespace hl;

namespace {

Scenario seeded(std::uint64_t seed, std::initializer_list<std::pair<const char*, const char*>> settings = {}) {
  Scenario scenario;
  for (const auto& [key, value] : settings) REQUIRE(set_scenario_field(scenario, key, value).empty());
  scenario.seed = seed;
  return scenario;
}

// Compares two transcripts step by step, field by field, so a failure names the first difference.
void require_identical(const Transcript& a, const Transcript& b) {
  REQUIRE(a.steps.size() == b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    const Step& x = a.steps[i];
    const Step& y = b.steps[i];
    INFO("step " << i << ": " << x.title);
    REQUIRE(x.kind == y.kind);
    REQUIRE(x.from == y.from);
    REQUIRE(identity_of(x) == identity_of(y));
    REQUIRE(x.title == y.title);
    REQUIRE(x.bytes == y.bytes);
    REQUIRE(x.is_protected == y.is_protected);
    REQUIRE(x.plaintext == y.plaintext);
    REQUIRE(x.inner_type == y.inner_type);
    REQUIRE(x.version == y.version);
    REQUIRE(x.event == y.event);
    REQUIRE(x.detail == y.detail);
    REQUIRE(x.parts.size() == y.parts.size());
    for (std::size_t p = 0; p < x.parts.size(); ++p) {
      REQUIRE(x.parts[p].keylog_line == y.parts[p].keylog_line);
      REQUIRE(x.parts[p].verify.depth == y.parts[p].verify.depth);
      REQUIRE(x.parts[p].verify.subject == y.parts[p].verify.subject);
      REQUIRE(x.parts[p].verify.ok == y.parts[p].verify.ok);
      REQUIRE(x.parts[p].verify.error == y.parts[p].verify.error);
    }
  }
  REQUIRE(a.keylog == b.keylog);
  REQUIRE(a.failure == b.failure);
  REQUIRE(a.negotiated.cipher == b.negotiated.cipher);
}

Bytes first_record(const Transcript& t, Side from, HandshakeType type) {
  for (const auto& step : t.steps)
    if (step.kind == StepKind::record && step.from == from && carries(step, type)) return step.bytes;
  return {};
}

}  // namespace

TEST_CASE("two seeded runs are byte-identical on the wire and in every event") {
  Transcript first = run_scenario(seeded(42));
  REQUIRE(first.handshake_complete);
  Transcript second = run_scenario(seeded(42));
  require_identical(first, second);
}

TEST_CASE("a seeded run on another thread matches (fresh per-thread generators are re-keyed)") {
  Transcript here = run_scenario(seeded(42));
  Transcript there;
  std::thread worker([&] { there = run_scenario(seeded(42)); });
  worker.join();
  require_identical(here, there);
}

TEST_CASE("seeded runs repeat with RSA keys, TLS 1.2, HelloRetryRequest and failures") {
  // RSA: PSS salts, blinding and (1.2) the encrypted pre-master all draw randomness.
  for (auto settings : {std::initializer_list<std::pair<const char*, const char*>>{{"cert", "rsa-2048"}},
                        {{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "AES128-SHA256"}},
                        {{"version", "1.2"}, {"cert", "rsa-2048"}, {"ciphers", "ECDHE-RSA-AES128-GCM-SHA256"}},
                        {{"groups", "X25519:P-256"}, {"server-groups", "P-256"}},
                        {{"verify-name", "www.example.org"}},
                        {{"cert", "ed25519"}, {"intermediate", "off"}}}) {
    Transcript a = run_scenario(seeded(9, settings));
    Transcript b = run_scenario(seeded(9, settings));
    INFO(a.failure);
    require_identical(a, b);
  }
}

TEST_CASE("different seeds give different bytes") {
  Transcript a = run_scenario(seeded(1));
  Transcript b = run_scenario(seeded(2));
  REQUIRE(a.handshake_complete);
  REQUIRE(b.handshake_complete);
  CHECK(first_record(a, Side::client, HandshakeType::client_hello) != first_record(b, Side::client, HandshakeType::client_hello));
  CHECK(first_record(a, Side::server, HandshakeType::server_hello) != first_record(b, Side::server, HandshakeType::server_hello));
  CHECK(first_record(a, Side::server, HandshakeType::certificate) != first_record(b, Side::server, HandshakeType::certificate));
  CHECK(a.keylog != b.keylog);
  // Same shape all the same: the seed changes bytes, not the handshake.
  REQUIRE(a.steps.size() == b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) CHECK(identity_of(a.steps[i]) == identity_of(b.steps[i]));
}

TEST_CASE("unseeded runs use real randomness and differ") {
  Transcript a = run_scenario(Scenario{});
  Transcript b = run_scenario(Scenario{});
  REQUIRE(a.handshake_complete);
  REQUIRE(b.handshake_complete);
  CHECK(first_record(a, Side::client, HandshakeType::client_hello) != first_record(b, Side::client, HandshakeType::client_hello));
  CHECK(a.keylog != b.keylog);
  // And a seeded run does not disturb them (the seeded context is separate).
  Transcript s = run_scenario(seeded(42));
  Transcript c = run_scenario(Scenario{});
  CHECK(first_record(s, Side::client, HandshakeType::client_hello) != first_record(c, Side::client, HandshakeType::client_hello));
}

TEST_CASE("the scenario clock fixes certificate validity and the verification time") {
  // Far in the past or the future: chain and check move together, so both verify.
  for (const char* clock : {"100000000", "4102444800"}) {
    Transcript t = run_scenario(seeded(5, {{"clock", clock}}));
    INFO(clock << ": " << t.failure);
    CHECK(t.handshake_complete);
  }
  // A one-day leaf starts a day before the clock, so at the clock it has just expired.
  Transcript expired = run_scenario(seeded(5, {{"cert-days", "1"}}));
  CHECK_FALSE(expired.handshake_complete);
  bool saw_expired = false;
  for (const auto& step : expired.steps)
    for (const auto& part : step.parts)
      if (part.kind == EventKind::verify && part.verify.error == 10 /* X509_V_ERR_CERT_HAS_EXPIRED */) saw_expired = true;
  CHECK(saw_expired);
}
