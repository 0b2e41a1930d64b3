// Resumption (resume=ticket|session-id|psk-only): two connections in one run, the second
// resumed; each follows its flow in the flows table, and the lab recomputes the resumed
// connection's keys (the PSK branch of the TLS 1.3 schedule, the binder) from the first.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/crypto/handshake_log.hpp"
#include "core/crypto/key_exchange.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/engine/engine.hpp"
#include "core/engine/resumption.hpp"
#include "core/model/flows.hpp"
#include "support/connection_flow.hpp"

using namespace hl;
using test::check_follows;
using test::num_carrying;

namespace {

constexpr std::uint16_t kKeyShareExt = 51;
constexpr std::uint16_t kPreSharedKeyExt = 41;
constexpr std::uint16_t kSessionTicketExt = 35;

Transcript run_with(std::initializer_list<std::pair<const char*, const char*>> settings) {
  Scenario scenario;
  scenario.seed = 7;
  for (const auto& [key, value] : settings) REQUIRE(set_scenario_field(scenario, key, value).empty());
  Transcript t = run_scenario(scenario);
  INFO(t.failure);
  REQUIRE(t.failure.empty());
  REQUIRE(t.handshake_complete);
  return t;
}

const crypto::HandshakeMessage& message(const std::vector<crypto::HandshakeMessage>& messages, std::uint8_t type, Side from) {
  const auto at = crypto::find_message(messages, type, from);
  REQUIRE(at);
  return messages[*at];
}

// Every connection's schedule, and every protected record opened with the keys of its own connection.
std::vector<crypto::KeySchedule> schedules_that_open_every_record(const Transcript& t) {
  auto schedules = crypto::connection_schedules(t, crypto::key_exchange(t).secrets());
  const auto records = crypto::open_records(t, std::span<const crypto::KeySchedule>(schedules));
  const auto num_protected = std::count_if(t.steps.begin(), t.steps.end(), [](const Step& s) { return s.is_protected; });
  CHECK(records.size() == static_cast<std::size_t>(num_protected));
  for (const auto& record : records) {
    INFO("step " << record.step << ": " << record.problem);
    CHECK(record.opened);
    CHECK(record.matches_plaintext);
  }
  return schedules;
}

}  // namespace

TEST_CASE("resume=off: one connection, not resumed") {
  const Transcript t = run_with({});
  CHECK(flows::connections_of(t) == std::vector<int>{1});
  CHECK_FALSE(t.negotiated.resumed);
}

TEST_CASE("TLS 1.3 ticket resumption: a second connection with a PSK, psk_dhe_ke, and no certificate") {
  const Transcript t = run_with({{"resume", "ticket"}});
  CHECK(flows::connections_of(t) == std::vector<int>{1, 2});
  // The connections follow one another: every step of connection 2 comes after connection 1.
  const auto first_of_2 = std::find_if(t.steps.begin(), t.steps.end(), [](const Step& s) { return s.connection == 2; });
  CHECK(std::all_of(first_of_2, t.steps.end(), [](const Step& s) { return s.connection == 2; }));
  check_follows(t, 1, flows::FlowId::tls13_full);
  check_follows(t, 2, flows::FlowId::tls13_resumed);
  CHECK(num_carrying(t, 1, HandshakeType::certificate) == 1);
  CHECK(num_carrying(t, 2, HandshakeType::certificate) == 0);
  CHECK(num_carrying(t, 2, HandshakeType::certificate_verify) == 0);
  CHECK(t.negotiated.resumed);
  CHECK(t.negotiated.sigalg.empty());  // nothing was signed on the resumed connection
  CHECK(t.negotiated.group == "x25519");

  const auto later = crypto::handshake_messages(t, 2);
  const auto& server_hello = message(later, crypto::kServerHello, Side::server);
  CHECK(crypto::hello_extension(server_hello, kPreSharedKeyExt));
  CHECK(crypto::hello_extension(server_hello, kKeyShareExt));  // psk_dhe_ke: a fresh key exchange too

  const auto schedules = schedules_that_open_every_record(t);
  REQUIRE(schedules.size() == 2);
  const crypto::KeySchedule& resumed = schedules[1];
  CHECK(resumed.connection == 2);
  CHECK(resumed.all_checks_pass());
  // The PSK comes from connection 1's resumption_master_secret and checks out against the binder.
  REQUIRE(resumed.find("previous_resumption_master_secret"));
  CHECK(*resumed.bytes("previous_resumption_master_secret") == *schedules[0].bytes("resumption_master_secret"));
  CHECK(resumed.bytes("psk"));
  const auto binder = std::find_if(resumed.checks.begin(), resumed.checks.end(),
                                   [](const crypto::ScheduleCheck& c) { return c.what.starts_with("binder"); });
  REQUIRE(binder != resumed.checks.end());
  CHECK(binder->ok);
  // Its fresh (EC)DHE is connection 2's own key exchange: the handshake secret is recomputed from it.
  const crypto::KeyExchange fresh = crypto::key_exchange(t, 2);
  CHECK(fresh.all_checks_pass());
  REQUIRE(fresh.find("shared_secret"));
  CHECK(fresh.find("shared_secret")->value != crypto::key_exchange(t).find("shared_secret")->value);
  const crypto::ScheduleValue* handshake = resumed.find("handshake_secret");
  REQUIRE(handshake);
  CHECK(handshake->source == crypto::ValueSource::recomputed);
  REQUIRE(resumed.bytes("shared_secret"));
  CHECK(*resumed.bytes("shared_secret") == fresh.find("shared_secret")->value);
}

TEST_CASE("TLS 1.3 psk-only: psk_ke when the resumed key share matches no group of the server") {
  const Transcript t = run_with({{"resume", "psk-only"}});
  check_follows(t, 2, flows::FlowId::tls13_resumed);
  CHECK(t.negotiated.resumed);
  CHECK(t.negotiated.group.empty());  // no key exchange on the resumed connection
  const auto later = crypto::handshake_messages(t, 2);
  const auto& client_hello = message(later, crypto::kClientHello, Side::client);
  const auto& server_hello = message(later, crypto::kServerHello, Side::server);
  CHECK(crypto::hello_extension(client_hello, kKeyShareExt));  // offered, for a group the server lacks
  CHECK_FALSE(crypto::hello_extension(server_hello, kKeyShareExt));
  CHECK(crypto::hello_extension(server_hello, kPreSharedKeyExt));
  // psk_ke: every secret follows from the PSK alone, so the lab recomputes the whole schedule.
  const auto schedules = schedules_that_open_every_record(t);
  REQUIRE(schedules.size() == 2);
  CHECK(schedules[1].all_checks_pass());
  for (const char* name : {"handshake_secret", "master_secret", "client_application_traffic_secret_0"}) {
    const crypto::ScheduleValue* value = schedules[1].find(name);
    REQUIRE(value);
    CHECK(value->source == crypto::ValueSource::recomputed);
  }
}

TEST_CASE("the psk-only client offers a group the server does not accept") {
  CHECK(group_the_server_lacks("X25519:P-256") == "P-384");
  CHECK(group_the_server_lacks("x25519:p-384") == "P-521");
  CHECK(group_the_server_lacks("P-384:P-521:X448:ffdhe2048:ffdhe3072").empty());
}

TEST_CASE("TLS 1.2 resumption by ticket and by session ID: abbreviated handshakes") {
  for (const char* how : {"ticket", "session-id"}) {
    INFO(how);
    const Transcript t = run_with({{"version", "1.2"}, {"resume", how}});
    check_follows(t, 1, flows::FlowId::tls12_ecdhe);
    check_follows(t, 2, flows::FlowId::tls12_abbreviated);
    CHECK(num_carrying(t, 2, HandshakeType::certificate) == 0);
    CHECK(num_carrying(t, 2, HandshakeType::server_key_exchange) == 0);
    CHECK(num_carrying(t, 2, HandshakeType::client_key_exchange) == 0);
    CHECK(t.negotiated.resumed);
    CHECK(t.negotiated.group.empty());
    const auto later = crypto::handshake_messages(t, 2);
    const auto ticket = crypto::hello_extension(message(later, crypto::kClientHello, Side::client), kSessionTicketExt);
    CHECK((std::string(how) == "ticket" ? ticket && !ticket->empty() : !ticket || ticket->empty()));
    const auto schedules = schedules_that_open_every_record(t);
    REQUIRE(schedules.size() == 2);
    CHECK(schedules[1].all_checks_pass());
  }
}

TEST_CASE("a seeded resumed run is byte-identical every time") {
  const Transcript a = run_with({{"resume", "ticket"}});
  const Transcript b = run_with({{"resume", "ticket"}});
  REQUIRE(a.steps.size() == b.steps.size());
  for (std::size_t i = 0; i < a.steps.size(); ++i) {
    INFO("step " << i + 1);
    CHECK(a.steps[i].bytes == b.steps[i].bytes);
  }
}

TEST_CASE("resumption settings that cannot run are refused with the reason") {
  struct Case {
    std::initializer_list<std::pair<const char*, const char*>> settings;
    const char* reason;
  };
  const Case cases[] = {
      {{{"resume", "session-id"}}, "TLS 1.3 resumes only with a pre-shared key"},
      {{{"version", "1.2"}, {"resume", "psk-only"}}, "psk_ke is a TLS 1.3"},
      {{{"resume", "ticket"}, {"tickets", "0"}}, "nothing to resume"},
  };
  for (const auto& c : cases) {
    Scenario scenario;
    for (const auto& [key, value] : c.settings) REQUIRE(set_scenario_field(scenario, key, value).empty());
    const Transcript t = run_scenario(scenario);
    CHECK(t.rejected);
    CHECK_THAT(t.failure, Catch::Contains(c.reason));
  }
  Scenario scenario;
  CHECK_THAT(set_scenario_field(scenario, "resume", "yes"), Catch::Contains("off | ticket | session-id | psk-only"));
}
