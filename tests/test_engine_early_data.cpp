// 0-RTT (early-data=on|rejected, attack=replay-early-data): the resumed connection carries the
// client's request as early data; each run follows its flow in the flows table exactly, the lab
// recomputes client_early_traffic_secret and opens the early record with it, and Mallory's replay
// meets OpenSSL's anti-replay (single-use tickets) or, with it off, a server that runs it twice.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/crypto/handshake_log.hpp"
#include "core/crypto/key_exchange.hpp"
#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/engine/attacker_replay.hpp"
#include "core/engine/engine.hpp"
#include "core/engine/scenario_checks.hpp"
#include "core/model/flows.hpp"
#include "core/model/record_layer.hpp"
#include "support/connection_flow.hpp"
#include "support/seeded_scenario.hpp"

using namespace hl;
using test::check_follows;
using test::num_carrying;

namespace {

constexpr std::uint16_t kEarlyDataExt = 42;
constexpr std::uint16_t kPreSharedKeyExt = 41;
constexpr std::uint8_t kEncryptedExtensions = 8;
constexpr std::uint8_t kNewSessionTicket = 4;

Transcript run_with(std::initializer_list<std::pair<const char*, std::string>> settings) {
  const Transcript t = run_scenario(test::seeded_scenario(11, settings));
  INFO(t.failure);
  REQUIRE(t.failure.empty());
  REQUIRE(t.handshake_complete);
  return t;
}

// The extensions block of EncryptedExtensions or a NewSessionTicket, as (type, body) pairs.
/* struct { Extension extensions<0..2^16-1>; } EncryptedExtensions;
   struct { uint32 lifetime; uint32 age_add; opaque nonce<0..255>; opaque ticket<1..2^16-1>; Extension extensions<0..2^16-2>; } NewSessionTicket; */
std::vector<std::pair<std::uint16_t, Bytes>> extensions_of(const crypto::HandshakeMessage& m) {
  const Bytes& b = m.bytes;
  std::size_t at = 4;
  if (m.type == kNewSessionTicket) {
    at += 8;
    REQUIRE(at < b.size());
    at += 1 + b[at];
    REQUIRE(at + 2 <= b.size());
    at += 2 + (std::size_t{b[at]} << 8 | b[at + 1]);
  }
  REQUIRE(at + 2 <= b.size());
  const std::size_t end = at + 2 + (std::size_t{b[at]} << 8 | b[at + 1]);
  REQUIRE(end == b.size());
  std::vector<std::pair<std::uint16_t, Bytes>> out;
  for (at += 2; at + 4 <= end;) {
    const std::uint16_t type = static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]);
    const std::size_t len = std::size_t{b[at + 2]} << 8 | b[at + 3];
    REQUIRE(at + 4 + len <= end);
    out.emplace_back(type, Bytes(b.begin() + static_cast<std::ptrdiff_t>(at + 4), b.begin() + static_cast<std::ptrdiff_t>(at + 4 + len)));
    at += 4 + len;
  }
  return out;
}

bool has_extension(const crypto::HandshakeMessage& m, std::uint16_t type) {
  const auto exts = extensions_of(m);
  return std::any_of(exts.begin(), exts.end(), [&](const auto& e) { return e.first == type; });
}

const crypto::HandshakeMessage& message(const std::vector<crypto::HandshakeMessage>& messages, std::uint8_t type, Side from) {
  const auto at = crypto::find_message(messages, type, from);
  REQUIRE(at);
  return messages[*at];
}

// The client's application data records of a connection: (step number, the secret that protects it).
std::vector<std::pair<std::size_t, TrafficSecret>> client_requests(const Transcript& t, int connection) {
  std::vector<std::pair<std::size_t, TrafficSecret>> out;
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const Step& s = t.steps[i];
    if (s.connection == connection && s.kind == StepKind::record && s.from == Side::client &&
        s.inner_type == record::kApplicationData)
      out.emplace_back(i + 1, s.protection);
  }
  return out;
}

std::size_t step_of(const Transcript& t, int connection, HandshakeType type) {
  for (std::size_t i = 0; i < t.steps.size(); ++i)
    if (t.steps[i].connection == connection && carries(t.steps[i], type)) return i + 1;
  return 0;
}

const crypto::ScheduleCheck* check_named(const crypto::KeySchedule& s, const std::string& what) {
  for (const auto& check : s.checks)
    if (check.what == what) return &check;
  return nullptr;
}

// Every protected record of connections 1 and 2 opens with the lab's own keys, to the plaintext the endpoint reported.
std::vector<crypto::KeySchedule> schedules_that_open_every_record(const Transcript& t) {
  auto schedules = crypto::connection_schedules(t, crypto::key_exchange(t).secrets());
  const auto records = crypto::open_records(t, std::span<const crypto::KeySchedule>(schedules));
  for (const auto& record : records) {
    if (t.steps[record.step - 1].connection == kReplayConnection) continue;
    INFO("step " << record.step << ": " << record.problem);
    CHECK(record.opened);
    CHECK(record.matches_plaintext);
  }
  return schedules;
}

// client_early_traffic_secret: recomputed from the ticket's PSK and the ClientHello, equal to the key log.
void check_early_secret(const std::vector<crypto::KeySchedule>& schedules) {
  REQUIRE(schedules.size() >= 2);
  const crypto::KeySchedule& second = schedules[1];
  const crypto::ScheduleValue* early = second.find("client_early_traffic_secret");
  REQUIRE(early != nullptr);
  CHECK(early->available());
  CHECK(early->source == crypto::ValueSource::recomputed);
  const auto* check = check_named(second, "client_early_traffic_secret = CLIENT_EARLY_TRAFFIC_SECRET (client)");
  REQUIRE(check != nullptr);
  CHECK(check->ok);
  CHECK(second.bytes("client_early_traffic_secret_key") != nullptr);
  for (const auto& c : second.checks) {
    INFO(c.what << ": " << c.detail);
    CHECK(c.ok);
  }
}

}  // namespace

TEST_CASE("early-data: the key, its values, what setting it implies and what it is refused with") {
  Scenario s;
  CHECK(scenario_value(s, "early-data") == "off");
  CHECK(set_scenario_field(s, "early-data", "on").empty());
  CHECK(s.early_data == EarlyData::on);
  CHECK(s.resume == Resume::ticket);  // 0-RTT rides on a ticket: setting it turns resumption on
  CHECK(scenario_refusal(s).empty());
  CHECK(set_scenario_field(s, "early-data", "rejected").empty());
  CHECK(scenario_value(s, "early-data") == "rejected");
  const std::string bad = set_scenario_field(s, "early-data", "maybe");
  CHECK(bad.find("bad value 'maybe' for early-data") != std::string::npos);
  CHECK(bad.find("off | on | rejected") != std::string::npos);
  CHECK(set_scenario_field(s, "anti-replay", "sometimes").find("anti-replay") != std::string::npos);
  CHECK(set_scenario_field(s, "attack", "replay-early-data").empty());
  CHECK(scenario_refusal(s).find("needs early-data=on") != std::string::npos);

  struct Refused {
    std::initializer_list<std::pair<const char*, const char*>> settings;
    const char* says;
  };
  const Refused refused[] = {
      {{{"version", "1.2"}, {"early-data", "on"}}, "exists only in TLS 1.3"},
      {{{"early-data", "on"}, {"resume", "psk-only"}}, "needs resume=ticket"},
      {{{"early-data", "on"}, {"resume", "off"}}, "needs resume=ticket"},
      {{{"early-data", "on"}, {"mode", "plaintext"}}, "plaintext lesson"},
      {{{"attack", "replay-early-data"}}, "needs early-data=on"},
      {{{"early-data", "rejected"}, {"attack", "replay-early-data"}}, "needs early-data=on"},
  };
  for (const auto& r : refused) {
    Scenario scenario;
    for (const auto& [key, value] : r.settings) REQUIRE(set_scenario_field(scenario, key, value).empty());
    INFO(r.says);
    CHECK(scenario_refusal(scenario).find(r.says) != std::string::npos);
    const Transcript t = run_scenario(scenario);
    CHECK(t.rejected);
  }
  Scenario smtps;  // a server that speaks first (SMTP's greeting): the client has no request to send early
  smtps.protocol = "smtp";
  smtps.port = 465;
  REQUIRE(set_scenario_field(smtps, "early-data", "on").empty());
  CHECK(scenario_refusal(smtps).find("with protocol=smtp on port 465") != std::string::npos);
}

TEST_CASE("early-data=off: resumption alone, tickets without early_data, negotiated early_data none") {
  const Transcript t = run_with({{"resume", "ticket"}});
  CHECK(t.negotiated.early_data == "none");
  check_follows(t, 2, flows::FlowId::tls13_resumed);
  const auto first = crypto::handshake_messages(t, 1);
  CHECK_FALSE(has_extension(message(first, kNewSessionTicket, Side::server), kEarlyDataExt));
  const auto second = crypto::handshake_messages(t, 2);
  CHECK_FALSE(crypto::hello_extension(message(second, crypto::kClientHello, Side::client), kEarlyDataExt));
}

TEST_CASE("early-data=on: the request rides with the ClientHello, the server accepts it, EndOfEarlyData closes it") {
  const Transcript t = run_with({{"early-data", "on"}});
  CHECK(flows::connections_of(t) == std::vector<int>{1, 2});
  check_follows(t, 1, flows::FlowId::tls13_full);
  check_follows(t, 2, flows::FlowId::tls13_early_data);
  CHECK(t.negotiated.resumed);
  CHECK(t.negotiated.early_data == "accepted");

  // The first connection's tickets allow early data; the second connection offers it and the server says yes.
  const auto first = crypto::handshake_messages(t, 1);
  const auto ticket_exts = extensions_of(message(first, kNewSessionTicket, Side::server));
  const auto early = std::find_if(ticket_exts.begin(), ticket_exts.end(), [](const auto& e) { return e.first == kEarlyDataExt; });
  REQUIRE(early != ticket_exts.end());
  CHECK(early->second == Bytes{0x00, 0x00, 0x40, 0x00});  // max_early_data_size 16384
  const auto second = crypto::handshake_messages(t, 2);
  CHECK(crypto::hello_extension(message(second, crypto::kClientHello, Side::client), kEarlyDataExt));
  CHECK(crypto::hello_extension(message(second, crypto::kServerHello, Side::server), kPreSharedKeyExt));
  CHECK(has_extension(message(second, kEncryptedExtensions, Side::server), kEarlyDataExt));
  CHECK(num_carrying(t, 2, HandshakeType::end_of_early_data) == 1);
  CHECK(num_carrying(t, 2, HandshakeType::certificate) == 0);

  // One request, sent once, as early data before the ServerHello; EndOfEarlyData under the early key too.
  const auto requests = client_requests(t, 2);
  REQUIRE(requests.size() == 1);
  CHECK(requests[0].second == TrafficSecret::client_early);
  CHECK(requests[0].first < step_of(t, 2, HandshakeType::server_hello));
  CHECK(t.steps[requests[0].first - 1].app_unit == "GET /");
  CHECK(t.steps[step_of(t, 2, HandshakeType::end_of_early_data) - 1].protection == TrafficSecret::client_early);

  const auto schedules = schedules_that_open_every_record(t);
  check_early_secret(schedules);
}

TEST_CASE("early-data=rejected: the server resumes but declines the early data; the client sends the request again") {
  const Transcript t = run_with({{"early-data", "rejected"}});
  check_follows(t, 2, flows::FlowId::tls13_early_data_rejected);
  CHECK(t.negotiated.resumed);
  CHECK(t.negotiated.early_data == "rejected");
  const auto second = crypto::handshake_messages(t, 2);
  CHECK(crypto::hello_extension(message(second, crypto::kClientHello, Side::client), kEarlyDataExt));
  CHECK_FALSE(has_extension(message(second, kEncryptedExtensions, Side::server), kEarlyDataExt));
  CHECK(num_carrying(t, 2, HandshakeType::end_of_early_data) == 0);

  const auto requests = client_requests(t, 2);
  REQUIRE(requests.size() == 2);
  CHECK(requests[0].second == TrafficSecret::client_early);
  CHECK(requests[1].second == TrafficSecret::client_application);
  CHECK(requests[1].first > step_of(t, 2, HandshakeType::finished));
  CHECK(t.steps[requests[0].first - 1].plaintext == t.steps[requests[1].first - 1].plaintext);

  // The server never opened it, but the lab can: the client logged its early secret.
  const auto schedules = schedules_that_open_every_record(t);
  check_early_secret(schedules);
}

TEST_CASE("attack=replay-early-data: OpenSSL's single-use tickets turn the replay into a full handshake") {
  const Transcript t = run_with({{"early-data", "on"}, {"attack", "replay-early-data"}});
  CHECK(flows::connections_of(t) == std::vector<int>{1, 2, 3});
  CHECK(t.negotiated.early_data == "accepted");  // the client's own connection 2

  // Mallory's records on connection 3 are connection 2's client records, byte for byte.
  std::vector<Bytes> original, replayed;
  for (const Step& s : t.steps) {
    if (s.kind != StepKind::record) continue;
    if (s.connection == 2 && s.from == Side::client && s.content_type != record::kApplicationData) original.push_back(s.bytes);
    if (s.connection == 2 && s.from == Side::client && s.protection == TrafficSecret::client_early &&
        s.inner_type == record::kApplicationData)
      original.push_back(s.bytes);
    if (s.connection == 3 && s.from == Side::attacker) {
      CHECK(s.to == Side::server);
      replayed.push_back(s.bytes);
    }
    if (s.connection == 3 && s.from == Side::server) CHECK(s.to == Side::attacker);
  }
  REQUIRE(replayed.size() == 3);  // ClientHello, ChangeCipherSpec, the early data
  CHECK(std::equal(replayed.begin(), replayed.end(), original.begin()));

  // The ticket is gone from the server's cache: no pre_shared_key, a certificate, no early_data.
  const auto third = crypto::handshake_messages(t, 3);
  CHECK_FALSE(crypto::hello_extension(message(third, crypto::kServerHello, Side::server), kPreSharedKeyExt));
  CHECK(num_carrying(t, 3, HandshakeType::certificate) == 1);
  CHECK_FALSE(has_extension(message(third, kEncryptedExtensions, Side::server), kEarlyDataExt));
  CHECK(num_carrying(t, 3, HandshakeType::finished) == 1);  // the server's; Mallory cannot send one
  REQUIRE(t.attacker.present);
  REQUIRE_FALSE(t.attacker.read.empty());
  CHECK(t.attacker.read.back().text.find("full handshake") != std::string::npos);
  CHECK(t.attacker.read.back().step == step_of(t, 3, HandshakeType::server_hello));
  CHECK(t.attacker.changed.size() == 3);

  // The client's own connections stay whole and checked.
  const auto schedules = schedules_that_open_every_record(t);
  check_early_secret(schedules);
}

TEST_CASE("attack=replay-early-data with anti-replay=off: the server accepts the copy and runs the request again") {
  const Transcript t = run_with({{"early-data", "on"}, {"anti-replay", "off"}, {"attack", "replay-early-data"}});
  CHECK(t.negotiated.early_data == "accepted");
  check_follows(t, 2, flows::FlowId::tls13_early_data);
  const auto third = crypto::handshake_messages(t, 3);
  CHECK(crypto::hello_extension(message(third, crypto::kServerHello, Side::server), kPreSharedKeyExt));
  CHECK(has_extension(message(third, kEncryptedExtensions, Side::server), kEarlyDataExt));
  CHECK(num_carrying(t, 3, HandshakeType::certificate) == 0);
  REQUIRE_FALSE(t.attacker.read.empty());
  CHECK(t.attacker.read.back().text.find("a second time") != std::string::npos);
  schedules_that_open_every_record(t);
}

TEST_CASE("early-data runs repeat byte for byte with a seed") {
  for (const char* value : {"on", "rejected"}) {
    INFO(value);
    const Transcript a = run_with({{"early-data", value}});
    const Transcript b = run_with({{"early-data", value}});
    REQUIRE(a.steps.size() == b.steps.size());
    for (std::size_t i = 0; i < a.steps.size(); ++i) CHECK(a.steps[i].bytes == b.steps[i].bytes);
  }
}
