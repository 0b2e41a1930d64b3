// close=none|notify|cut (issue 11 §6): close_notify answered by close_notify, typed by the flows
// table and opened by the recomputed key schedule; a cut stream with OpenSSL's real unexpected-EOF
// error and no close_notify; none exactly as a run without the key; the export's FINs; the refusals.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "core/crypto/key_schedule.hpp"
#include "core/crypto/record_protection.hpp"
#include "core/engine/engine.hpp"
#include "core/engine/pump.hpp"
#include "core/engine/scenario_checks.hpp"
#include "core/export/eavesdropper.hpp"
#include "core/export/tcp_synth.hpp"
#include "core/lessons/loader.hpp"
#include "core/model/flows.hpp"
#include "core/model/record_layer.hpp"
#include "support/seeded_scenario.hpp"
#include "support/seeded_lesson.hpp"

using namespace hl;

namespace {

struct Alert {
  std::size_t step = 0;  // from 1
  Side from = Side::client;
  int level = 0;
  int description = 0;
};

// Every alert record of a run, read from the record itself (plaintext after the header, or the
// decrypted plaintext of a protected record).
std::vector<Alert> alerts_of(const Transcript& t) {
  std::vector<Alert> alerts;
  for (std::size_t i = 0; i < t.steps.size(); ++i) {
    const Step& step = t.steps[i];
    if (step.kind != StepKind::record || step.inner_type != record::kAlert) continue;
    const Bytes& content = step.is_protected ? step.plaintext : step.bytes;
    const std::size_t at = step.is_protected ? 0 : record::kHeaderLen;
    REQUIRE(content.size() >= at + 2);
    alerts.push_back({i + 1, sender_role(step), content[at], content[at + 1]});
  }
  return alerts;
}

std::size_t last_record(const Transcript& t) {
  std::size_t last = 0;
  for (std::size_t i = 0; i < t.steps.size(); ++i)
    if (t.steps[i].kind == StepKind::record) last = i + 1;
  return last;
}

bool has_event(const Transcript& t, Side side, EventKind kind, const std::string& title) {
  return std::any_of(t.steps.begin(), t.steps.end(), [&](const Step& step) {
    return step.kind == StepKind::event && step.from == side &&
           std::any_of(step.parts.begin(), step.parts.end(),
                       [&](const EventPart& part) { return part.kind == kind && part.title == title; });
  });
}

Scenario lesson_with(const char* id, std::initializer_list<std::pair<const char*, std::string>> settings) {
  return test::seeded_lesson(id, 5, settings);
}

// The TCP flags of a synthesized frame (Ethernet 14 + IPv4 20, flags at TCP byte 13) and its payload length.
std::uint8_t tcp_flags(const Frame& frame) { return frame.bytes.at(14 + 20 + 13); }
std::size_t tcp_payload_len(const Frame& frame) { return frame.bytes.size() - 14 - 20 - 20; }
bool from_client(const Frame& frame, const TcpSynthOptions& options) {
  return (frame.bytes.at(34) << 8 | frame.bytes.at(35)) == options.client_port;
}
constexpr std::uint8_t kFin = 0x01;

}  // namespace

TEST_CASE("close=notify: the client's close_notify, then the server's, each a protected alert that opens") {
  for (const char* version : {"1.3", "1.2"}) {
    DYNAMIC_SECTION("TLS " << version) {
      const Transcript t = run_scenario(test::seeded_scenario(7, {{"version", version}, {"close", "notify"}}));
      INFO(t.failure);
      REQUIRE(t.failure.empty());
      CHECK(t.handshake_complete);
      // HTTP/1.1: the client closes a persistent connection once it has its response, the server answers.
      const std::vector<Alert> alerts = alerts_of(t);
      REQUIRE(alerts.size() == 2);
      CHECK(alerts[0].from == Side::client);
      CHECK(alerts[1].from == Side::server);
      for (const Alert& alert : alerts) {
        CHECK(alert.level == 1);        // warning
        CHECK(alert.description == 0);  // close_notify
      }
      CHECK(alerts[0].step < alerts[1].step);
      CHECK(alerts[1].step == last_record(t));  // nothing after the answer
      CHECK(has_event(t, Side::client, EventKind::alert_sent, "sent alert: close_notify"));
      CHECK(has_event(t, Side::server, EventKind::alert_received, "received alert: close_notify"));
      CHECK(has_event(t, Side::server, EventKind::alert_sent, "sent alert: close_notify"));
      CHECK(has_event(t, Side::client, EventKind::note, "closed cleanly"));
      for (const Alert& alert : alerts) {
        const Step& step = t.steps[alert.step - 1];
        CHECK(step.is_protected);  // after CCS in TLS 1.2, under the traffic keys in TLS 1.3
        // TLS 1.3 hides the type: the header says application_data; TLS 1.2 shows alert.
        CHECK(step.bytes[0] == (std::string(version) == "1.3" ? record::kApplicationData : record::kAlert));
      }

      // The flows table types both: closing rows, after which nothing is expected; no alert ended the match.
      const flows::Match match = flows::pick(t);
      const std::vector<flows::Message> messages = flows::messages_of(t);
      REQUIRE(match.flow != nullptr);
      CHECK(match.complete);
      CHECK_FALSE(match.alert);
      CHECK_FALSE(match.unexpected);
      REQUIRE(match.rows.size() == messages.size());
      for (std::size_t i = messages.size() - 2; i < messages.size(); ++i) {
        CHECK(messages[i].close_notify);
        CHECK(match.flow->rows[match.rows[i]].close_notify);
        CHECK(flows::flight_of(match, i) == match.flow->flights.size());  // the last flight: closing
      }

      // Issue 7's recomputation opens every protected record, the two alerts included.
      const crypto::KeySchedule schedule = crypto::compute_key_schedule(t);
      CHECK(schedule.all_checks_pass());
      const auto records = crypto::open_records(t, schedule);
      std::size_t num_alerts_opened = 0;
      for (const auto& record : records) {
        INFO("step " << record.step << ": " << record.problem);
        CHECK(record.opened);
        CHECK(record.matches_plaintext);
        num_alerts_opened += record.opened && t.steps[record.step - 1].inner_type == record::kAlert;
      }
      CHECK(num_alerts_opened == 2);
    }
  }
}

TEST_CASE("close=notify on STARTTLS: the server closes after its goodbye (SMTP 221), LDAP's client after unbind") {
  struct Case {
    const char* lesson;
    Side closer;
  };
  for (const Case c : {Case{"smtp-25", Side::server}, Case{"imap-143", Side::server}, Case{"pop3-110", Side::server},
                       Case{"ftp-21", Side::server}, Case{"ldap-389", Side::client}}) {
    for (const char* version : {"1.3", "1.2"}) {
      DYNAMIC_SECTION(c.lesson << " TLS " << version) {
        const Transcript t = run_scenario(lesson_with(c.lesson, {{"version", version}, {"close", "notify"}}));
        INFO(t.failure);
        REQUIRE(t.failure.empty());
        const std::vector<Alert> alerts = alerts_of(t);
        REQUIRE(alerts.size() == 2);
        CHECK(alerts[0].from == c.closer);
        CHECK(alerts[1].from != c.closer);
        CHECK((alerts[0].description == 0 && alerts[1].description == 0));
        CHECK(flows::pick(t).complete);
        CHECK_FALSE(flows::pick(t).alert);
      }
    }
  }
}

TEST_CASE("close=cut: no close_notify, and the client's OpenSSL reports the unexpected EOF") {
  for (const char* version : {"1.3", "1.2"}) {
    DYNAMIC_SECTION("TLS " << version) {
      const Transcript t = run_scenario(test::seeded_scenario(7, {{"version", version}, {"close", "cut"}}));
      CHECK(t.handshake_complete);  // the handshake and the exchange were whole; only the ending is missing
      for (const Alert& alert : alerts_of(t)) CHECK(alert.description != 0);
      // OpenSSL 3's own reason (SSL_R_UNEXPECTED_EOF_WHILE_READING), in the outcome and as the client's event.
      CHECK_THAT(t.failure, Catch::Contains("unexpected eof while reading"));
      CHECK_THAT(t.failure, Catch::Contains("truncation"));
      CHECK(has_event(t, Side::client, EventKind::failure, "unexpected EOF"));
      CHECK(has_event(t, Side::server, EventKind::note, std::string(kStreamCutTitle)));
      // The response arrived before the cut; the receiver cannot know it was the whole of it.
      const auto response = std::find_if(t.steps.begin(), t.steps.end(),
                                         [](const Step& step) { return step.app_unit == "200 OK"; });
      CHECK(response != t.steps.end());
      CHECK_FALSE(flows::pick(t).unexpected);
    }
  }
}

TEST_CASE("close=none is the run without the key, byte for byte") {
  Scenario without = test::seeded_scenario(7, {});
  CHECK(without.close == CloseMode::none);
  for (const char* version : {"1.3", "1.2"}) {
    const Transcript plain = run_scenario(test::seeded_scenario(7, {{"version", version}}));
    const Transcript none = run_scenario(test::seeded_scenario(7, {{"version", version}, {"close", "none"}}));
    REQUIRE(plain.steps.size() == none.steps.size());
    for (std::size_t i = 0; i < plain.steps.size(); ++i) {
      CHECK(plain.steps[i].bytes == none.steps[i].bytes);
      CHECK(plain.steps[i].title == none.steps[i].title);
      CHECK(plain.steps[i].detail == none.steps[i].detail);
    }
    CHECK(plain.keylog == none.keylog);
    CHECK(alerts_of(none).empty());
    CHECK(none.failure.empty());
  }
}

TEST_CASE("close in the export: a FIN right behind each close_notify, or a FIN with none before it") {
  const TcpSynthOptions options = tcp_options_for_seed(7, 443, 1790000000);
  SECTION("notify: client close_notify, client FIN, server close_notify, server FIN, ACK") {
    const Transcript t = run_scenario(test::seeded_scenario(7, {{"close", "notify"}}));
    const std::vector<Frame> frames = synthesize_tcp(t, options);
    REQUIRE(frames.size() >= 5);
    const std::size_t n = frames.size();
    CHECK((from_client(frames[n - 5], options) && tcp_payload_len(frames[n - 5]) == 24));  // TLS 1.3 alert: 5 + 19
    CHECK((from_client(frames[n - 4], options) && (tcp_flags(frames[n - 4]) & kFin)));
    CHECK((!from_client(frames[n - 3], options) && tcp_payload_len(frames[n - 3]) == 24));
    CHECK((!from_client(frames[n - 2], options) && (tcp_flags(frames[n - 2]) & kFin)));
    CHECK((from_client(frames[n - 1], options) && tcp_flags(frames[n - 1]) == 0x10));  // the last ACK
  }
  SECTION("cut: the server's FIN comes right after its response, with no close_notify") {
    const Transcript t = run_scenario(test::seeded_scenario(7, {{"close", "cut"}}));
    const std::vector<Frame> frames = synthesize_tcp(t, options);
    auto server_fin = std::find_if(frames.begin(), frames.end(), [&](const Frame& f) {
      return !from_client(f, options) && (tcp_flags(f) & kFin);
    });
    REQUIRE(server_fin != frames.begin());
    REQUIRE(server_fin != frames.end());
    const Frame& before = *(server_fin - 1);
    CHECK(!from_client(before, options));
    CHECK(tcp_payload_len(before) > 100);  // the response record, not an alert
  }
}

TEST_CASE("close in the eavesdropper's view: a 19-byte TLS 1.3 ciphertext reads as an alert, but not which") {
  const Transcript t = run_scenario(test::seeded_scenario(7, {{"close", "notify"}}));
  const std::string text = eavesdropper_to_text(eavesdropper_view(t));
  CHECK_THAT(text, Catch::Contains("the size of a TLS 1.3 encrypted alert"));
  const Transcript t12 = run_scenario(test::seeded_scenario(7, {{"close", "notify"}, {"version", "1.2"}}));
  CHECK_THAT(eavesdropper_to_text(eavesdropper_view(t12)), Catch::Contains("an alert, by its outer type"));
}

TEST_CASE("close is refused where no TLS connection of its own can end") {
  Scenario plaintext;
  plaintext.mode = PortMode::plaintext;
  plaintext.port = 80;
  REQUIRE(set_scenario_field(plaintext, "close", "notify").empty());
  CHECK_THAT(scenario_refusal(plaintext), Catch::Contains("close"));
  Scenario attacked;
  REQUIRE(set_scenario_field(attacked, "attack", "mitm").empty());
  REQUIRE(set_scenario_field(attacked, "close", "cut").empty());
  CHECK_THAT(scenario_refusal(attacked), Catch::Contains("close"));
  Scenario resumed;
  REQUIRE(set_scenario_field(resumed, "resume", "ticket").empty());
  REQUIRE(set_scenario_field(resumed, "close", "notify").empty());
  CHECK_THAT(scenario_refusal(resumed), Catch::Contains("close"));
  Scenario bad;
  CHECK_FALSE(set_scenario_field(bad, "close", "rst").empty());
}
