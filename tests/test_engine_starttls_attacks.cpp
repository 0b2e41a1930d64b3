// STARTTLS stripping and command injection on every STARTTLS lesson: with each client policy
// the exact outcome (the password leaks to Mallory, or the client refuses and says why), and
// the injected command run inside TLS only by a server with the keep-buffer bug.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/lessons/loader.hpp"
#include "core/protocols/account.hpp"
#include "support/seeded_lesson.hpp"

using namespace hl;

namespace {

Scenario lesson_with(const char* id, std::initializer_list<std::pair<const char*, std::string>> settings) {
  return test::seeded_lesson(id, 5, settings);
}

bool read_contains(const Transcript& t, const std::string& text) {
  return std::any_of(t.attacker.read.begin(), t.attacker.read.end(),
                     [&](const AttackerNote& note) { return note.text.find(text) != std::string::npos; });
}

bool has_note(const Transcript& t, Side side, const std::string& title_start) {
  return std::any_of(t.steps.begin(), t.steps.end(), [&](const Step& step) {
    return step.kind == StepKind::event && step.from == side &&
           std::any_of(step.parts.begin(), step.parts.end(), [&](const EventPart& part) {
             return part.kind == EventKind::note && part.title.starts_with(title_start);
           });
  });
}

// A protected record from the server whose decrypted application data contains `text`.
bool server_sent_inside_tls(const Transcript& t, const std::string& text) {
  return std::any_of(t.steps.begin(), t.steps.end(), [&](const Step& step) {
    if (step.kind != StepKind::record || step.from != Side::server || step.inner_type != 23) return false;
    return std::string(step.plaintext.begin(), step.plaintext.end()).find(text) != std::string::npos;
  });
}

// What the stripped client gives away when it carries on in the clear: the password, or for
// the port-25 relay (no login) the mail itself.
struct StripCase {
  const char* lesson;
  const char* leaked;
  bool leaks_by_default;  // the protocol's usual client is opportunistic
};
const StripCase kStrips[] = {
    {"smtp-25", "Keep them to yourself", true}, {"submission-587", account::kPassword, false},
    {"imap-143", account::kPassword, false},     {"pop3-110", account::kPassword, false},
    {"ftp-21", account::kPassword, true},        {"ldap-389", account::kPassword, false},
};

// The server's answer to Mallory's injected command, as it appears inside TLS with the bug.
struct InjectCase {
  const char* lesson;
  const char* answer;
};
const InjectCase kInjections[] = {
    {"smtp-25", "250 2.0.0 Reset state"}, {"submission-587", "250 2.0.0 Reset state"},
    {"imap-143", "m1 OK CAPABILITY"},     {"pop3-110", "-ERR not logged in"},
    {"ftp-21", "331 Password required for mallory"},
    {"ldap-389", "\x0a\x01\x31"},  // the anonymous bind's resultCode: ENUMERATED invalidCredentials (49)
};

}  // namespace

TEST_CASE("strip-starttls on every STARTTLS lesson: opportunistic leaks, require-tls refuses") {
  for (const auto& c : kStrips) {
    DYNAMIC_SECTION(c.lesson << " opportunistic") {
      Transcript t = run_scenario(lesson_with(c.lesson, {{"attack", "strip-starttls"}, {"client-policy", "opportunistic"}}));
      INFO(t.failure);
      CHECK(t.failure.empty());
      CHECK_FALSE(t.handshake_complete);
      CHECK(t.negotiated.version.empty());  // no TLS at all
      REQUIRE(t.attacker.changed.size() == 1);
      CHECK(read_contains(t, c.leaked));
    }
    DYNAMIC_SECTION(c.lesson << " require-tls") {
      Transcript t = run_scenario(lesson_with(c.lesson, {{"attack", "strip-starttls"}, {"client-policy", "require-tls"}}));
      CHECK_THAT(t.failure, Catch::StartsWith("The client requires TLS and"));
      CHECK_FALSE(t.handshake_complete);
      REQUIRE(t.attacker.changed.size() == 1);
      CHECK_FALSE(read_contains(t, c.leaked));
      CHECK_FALSE(read_contains(t, account::kPassword));
    }
    DYNAMIC_SECTION(c.lesson << " the protocol's default client") {
      Transcript t = run_scenario(lesson_with(c.lesson, {{"attack", "strip-starttls"}}));
      CHECK(read_contains(t, c.leaked) == c.leaks_by_default);
      CHECK(t.failure.empty() == c.leaks_by_default);
    }
  }
}

TEST_CASE("strip-starttls: what Mallory rewrites, line by line") {
  Transcript smtp = run_scenario(lesson_with("submission-587", {{"attack", "strip-starttls"}}));
  REQUIRE(smtp.attacker.changed.size() == 1);
  const Step& ehlo_reply = smtp.steps[smtp.attacker.changed[0].step - 1];
  const std::string reply(ehlo_reply.bytes.begin(), ehlo_reply.bytes.end());
  CHECK(ehlo_reply.from == Side::server);
  CHECK(reply.find("STARTTLS") == std::string::npos);
  CHECK(reply.find("250-AUTH PLAIN LOGIN\r\n") != std::string::npos);
  CHECK(reply.ends_with("250 8BITMIME\r\n"));

  Transcript imap = run_scenario(lesson_with("imap-143", {{"attack", "strip-starttls"}}));
  REQUIRE(imap.attacker.changed.size() == 1);
  const Step& capability = imap.steps[imap.attacker.changed[0].step - 1];
  CHECK(std::string(capability.bytes.begin(), capability.bytes.end()).starts_with("* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\n"));

  Transcript pop3 = run_scenario(lesson_with("pop3-110", {{"attack", "strip-starttls"}, {"client-policy", "opportunistic"}}));
  REQUIRE(pop3.attacker.changed.size() == 1);
  const Step& capa = pop3.steps[pop3.attacker.changed[0].step - 1];
  CHECK(std::string(capa.bytes.begin(), capa.bytes.end()) == "+OK Capability list follows\r\nUSER\r\nSASL PLAIN\r\nTOP\r\nUIDL\r\n.\r\n");
  CHECK(read_contains(pop3, std::string("PASS ") + account::kPassword));

  // Submission: the base64 of AUTH PLAIN is decoded for the reader.
  Transcript leaked = run_scenario(lesson_with("submission-587", {{"attack", "strip-starttls"}, {"client-policy", "opportunistic"}}));
  CHECK(read_contains(leaked, std::string("user alice, password ") + account::kPassword));
}

TEST_CASE("strip-starttls: a client that requires TLS still upgrades normally when nobody strips") {
  for (const auto& c : kStrips) {
    DYNAMIC_SECTION(c.lesson) {
      Transcript t = run_scenario(lesson_with(c.lesson, {{"client-policy", "require-tls"}}));
      INFO(t.failure);
      CHECK(t.failure.empty());
      CHECK(t.handshake_complete);
    }
  }
}

TEST_CASE("strip-starttls on implicit TLS: nothing to strip, Mallory reads no login") {
  for (const char* id : {"imaps-993", "smtps-465", "pop3s-995", "ldaps-636"}) {
    DYNAMIC_SECTION(id) {
      Transcript t = run_scenario(lesson_with(id, {{"attack", "strip-starttls"}}));
      CHECK(t.failure.empty());
      CHECK(t.handshake_complete);
      CHECK(t.attacker.changed.empty());
      CHECK_FALSE(read_contains(t, account::kPassword));
    }
  }
}

TEST_CASE("starttls-injection: the correct server discards the injected command, keep-buffer runs it inside TLS") {
  for (const auto& c : kInjections) {
    DYNAMIC_SECTION(c.lesson << " correct server") {
      Transcript t = run_scenario(lesson_with(c.lesson, {{"attack", "starttls-injection"}}));
      INFO(t.failure);
      CHECK(t.failure.empty());
      CHECK(t.handshake_complete);
      REQUIRE(t.attacker.changed.size() == 1);
      CHECK(t.steps[t.attacker.changed[0].step - 1].from == Side::client);
      CHECK(has_note(t, Side::server, "discards"));
      CHECK_FALSE(has_note(t, Side::server, "runs"));
      CHECK_FALSE(server_sent_inside_tls(t, c.answer));
    }
    DYNAMIC_SECTION(c.lesson << " keep-buffer") {
      Transcript t = run_scenario(lesson_with(c.lesson, {{"attack", "starttls-injection"}, {"server-bug", "keep-buffer"}}));
      INFO(t.failure);
      CHECK(t.handshake_complete);
      CHECK(has_note(t, Side::server, "keeps"));
      CHECK(has_note(t, Side::server, "runs"));
      CHECK(server_sent_inside_tls(t, c.answer));
      CHECK(t.failure.find("was stopped after") == std::string::npos);  // bounded: it ends on its own
    }
  }
}

TEST_CASE("inject-line: her command as its own segment behind STARTTLS reaches a server reading TLS: refused, no alert") {
  for (const auto& c : kInjections) {
    DYNAMIC_SECTION(c.lesson) {
      Transcript t = run_scenario(lesson_with(c.lesson, {{"attack", "inject-line"}}));
      INFO(t.failure);
      REQUIRE(t.attacker.changed.size() == 1);
      const std::size_t at = t.attacker.changed[0].step;
      const Step& injected = t.steps[at - 1];
      CHECK(injected.kind == StepKind::app_line);
      CHECK(injected.from == Side::attacker);
      CHECK(injected.to == Side::server);
      CHECK(injected.by_attacker);
      const Step& upgrade = t.steps[at - 2];  // right behind the client's upgrade command
      CHECK(upgrade.from == Side::client);
      CHECK(upgrade.kind == StepKind::app_line);
      // OpenSSL reads her bytes where a ClientHello should start: not a TLS record at all, so
      // it stops without sending an alert (SSL_AD_NO_ALERT for a first record that is not TLS).
      CHECK_THAT(t.failure, Catch::Contains("wrong version number"));
      CHECK(failure_cause(t).alert_step == 0);
      CHECK_FALSE(t.handshake_complete);
      CHECK_FALSE(server_sent_inside_tls(t, c.answer));
      const ExpectedOutcome expected = expected_outcome(lesson_with(c.lesson, {{"attack", "inject-line"}}));
      CHECK(expected.fails);
      CHECK_FALSE(expected.alert);
    }
  }
}

TEST_CASE("keep-buffer alone changes nothing: with nobody injecting, the dialogue is the same") {
  for (const auto& c : kInjections) {
    DYNAMIC_SECTION(c.lesson) {
      Transcript plain = run_scenario(lesson_with(c.lesson, {}));
      Transcript buggy = run_scenario(lesson_with(c.lesson, {{"server-bug", "keep-buffer"}}));
      REQUIRE(plain.steps.size() == buggy.steps.size());
      for (std::size_t i = 0; i < plain.steps.size(); ++i) CHECK(plain.steps[i].bytes == buggy.steps[i].bytes);
    }
  }
}

TEST_CASE("hostile STARTTLS interventions stay bounded") {
  EngineOptions options;
  options.max_rounds = 6;
  Transcript t = run_scenario(lesson_with("smtp-25", {{"attack", "starttls-injection"}, {"server-bug", "keep-buffer"}}), options);
  CHECK_THAT(t.failure, Catch::Contains("stopped after 6 rounds"));
}

TEST_CASE("client-policy and server-bug settings: good values and refused ones") {
  Scenario s;
  CHECK(set_scenario_field(s, "client-policy", "require-tls").empty());
  CHECK(s.client_policy == ClientPolicy::require_tls);
  CHECK(scenario_value(s, "client-policy") == "require-tls");
  CHECK(set_scenario_field(s, "server-bug", "keep-buffer").empty());
  CHECK(s.server_bug == ServerBug::keep_buffer);
  CHECK_FALSE(set_scenario_field(s, "client-policy", "sometimes").empty());
  CHECK_FALSE(set_scenario_field(s, "server-bug", "all").empty());
  CHECK(set_scenario_field(s, "port", "587").empty());
  CHECK(s.port == 587);
  CHECK_FALSE(set_scenario_field(s, "port", "0").empty());
  CHECK_FALSE(set_scenario_field(s, "port", "65536").empty());
  CHECK(scenario_choices("client-policy").size() == 3);
  CHECK(scenario_choices("server-bug").size() == 2);
  CHECK(tls_policy_default("smtp", 25) == TlsPolicy::opportunistic);
  CHECK(tls_policy_default("smtp", 587) == TlsPolicy::require_tls);
  CHECK(tls_policy_default("ftp", 21) == TlsPolicy::opportunistic);
  CHECK(tls_policy_default("imap", 143) == TlsPolicy::require_tls);
}
