// The shape of every application protocol on real runs (issue 5 §8): on STARTTLS ports the
// upgrade verb is on the wire before the ClientHello and nothing is in the clear after it;
// on implicit-TLS ports nothing is in the clear at all; plaintext and starttls=off runs have
// no TLS record at all. Checked for scenarios built here and for every port lesson.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/engine/engine.hpp"
#include "core/lessons/loader.hpp"
#include "core/protocols/account.hpp"
#include "core/protocols/line_peer.hpp"

namespace {

struct Case {
  const char* protocol;
  int port;
  hl::PortMode mode;
  const char* upgrade_verb;  // the client's STARTTLS-like step title (STARTTLS ports)
};

const Case kCases[] = {
    {"smtp", 25, hl::PortMode::starttls, "STARTTLS"},
    {"smtp", 587, hl::PortMode::starttls, "STARTTLS"},
    {"smtp", 465, hl::PortMode::implicit_tls, ""},
    {"imap", 143, hl::PortMode::starttls, "a2 STARTTLS"},
    {"imap", 993, hl::PortMode::implicit_tls, ""},
    {"pop3", 110, hl::PortMode::starttls, "STLS"},
    {"pop3", 995, hl::PortMode::implicit_tls, ""},
    {"ftp", 21, hl::PortMode::starttls, "AUTH TLS"},
    {"ftp", 990, hl::PortMode::implicit_tls, ""},
    {"ldap", 389, hl::PortMode::starttls, "LDAP StartTLS request"},
    {"ldap", 636, hl::PortMode::implicit_tls, ""},
};

hl::Scenario scenario_for(const Case& c) {
  hl::Scenario s;
  s.protocol = c.protocol;
  s.port = c.port;
  s.mode = c.mode;
  s.seed = 7;
  return s;
}

std::ptrdiff_t first_record(const hl::Transcript& t) {
  auto it = std::find_if(t.steps.begin(), t.steps.end(), [](auto& s) { return s.kind == hl::StepKind::record; });
  return it == t.steps.end() ? -1 : it - t.steps.begin();
}

std::ptrdiff_t last_app_line(const hl::Transcript& t) {
  for (std::size_t i = t.steps.size(); i-- > 0;)
    if (t.steps[i].kind == hl::StepKind::app_line) return static_cast<std::ptrdiff_t>(i);
  return -1;
}

std::size_t count(const hl::Transcript& t, hl::StepKind kind) {
  return static_cast<std::size_t>(std::count_if(t.steps.begin(), t.steps.end(), [&](auto& s) { return s.kind == kind; }));
}

bool contains(const hl::Bytes& bytes, const std::string& needle) {
  return std::search(bytes.begin(), bytes.end(), needle.begin(), needle.end()) != bytes.end();
}

// True when some protected record decrypts to text containing needle: the dialogue ran inside TLS.
bool inside_tls(const hl::Transcript& t, const std::string& needle) {
  return std::any_of(t.steps.begin(), t.steps.end(),
                     [&](auto& s) { return s.kind == hl::StepKind::record && s.is_protected && contains(s.plaintext, needle); });
}

bool in_clear(const hl::Transcript& t, const std::string& needle) {
  return std::any_of(t.steps.begin(), t.steps.end(),
                     [&](auto& s) { return s.kind == hl::StepKind::app_line && contains(s.bytes, needle); });
}

// What a run of this protocol always carries: the password (base64 in SMTP AUTH PLAIN), or
// for an SMTP relay, which has no AUTH, the mail itself.
std::string secret_of(const hl::Scenario& s) {
  if (s.protocol != "smtp") return hl::account::kPassword;
  if (s.port == 25) return "Subject: Quarterly numbers";
  return hl::base64_encode(std::string("\0", 1) + hl::account::kUser + '\0' + hl::account::kPassword);
}

void check_starttls_shape(const hl::Transcript& t, const std::string& verb) {
  std::ptrdiff_t hello = first_record(t);
  REQUIRE(hello >= 0);
  CHECK(hl::carries(t.steps[static_cast<std::size_t>(hello)], hl::HandshakeType::client_hello));
  auto upgrade = std::find_if(t.steps.begin(), t.steps.end(), [&](auto& s) {
    return s.kind == hl::StepKind::app_line && s.from == hl::Side::client && s.app_unit == verb;
  });
  REQUIRE(upgrade != t.steps.end());
  CHECK(upgrade - t.steps.begin() < hello);
  CHECK(last_app_line(t) < hello);  // nothing in the clear after the upgrade
}

}  // namespace

TEST_CASE("STARTTLS and implicit-TLS ports: the upgrade, the handshake, the dialogue inside") {
  for (const Case& c : kCases) {
    hl::Scenario s = scenario_for(c);
    INFO(c.protocol << " " << c.port);
    hl::Transcript t = hl::run_scenario(s);
    CHECK(t.failure == "");
    CHECK(t.handshake_complete);
    if (c.mode == hl::PortMode::starttls) check_starttls_shape(t, c.upgrade_verb);
    if (c.mode == hl::PortMode::implicit_tls) CHECK(count(t, hl::StepKind::app_line) == 0);
    CHECK(inside_tls(t, secret_of(s)));
    CHECK_FALSE(in_clear(t, secret_of(s)));
  }
}

TEST_CASE("Implicit TLS: the server's greeting travels inside TLS") {
  for (const Case& c : kCases) {
    if (c.mode != hl::PortMode::implicit_tls || std::string(c.protocol) == "ldap") continue;
    INFO(c.protocol << " " << c.port);
    hl::Transcript t = hl::run_scenario(scenario_for(c));
    const char* greeting = std::string(c.protocol) == "imap" ? "* OK " : std::string(c.protocol) == "pop3" ? "+OK " : "220 ";
    CHECK(inside_tls(t, greeting));
  }
}

TEST_CASE("starttls=off and plaintext servers: no TLS record, the secret in the clear") {
  for (const Case& c : kCases) {
    if (c.mode != hl::PortMode::starttls) continue;
    for (bool plaintext_server : {false, true}) {
      hl::Scenario s = scenario_for(c);
      s.starttls = false;
      if (plaintext_server) s.mode = hl::PortMode::plaintext;
      INFO(c.protocol << " " << c.port << (plaintext_server ? " plaintext" : " starttls=off"));
      hl::Transcript t = hl::run_scenario(s);
      CHECK(count(t, hl::StepKind::record) == 0);
      CHECK(count(t, hl::StepKind::app_line) >= 3);
      CHECK(in_clear(t, secret_of(s)));
      CHECK_FALSE(t.handshake_complete);
      CHECK(t.failure == "");
    }
  }
}

TEST_CASE("Every port lesson has the shape of its mode") {
  hl::LessonLibrary library = hl::load_lesson_library(hl::find_lessons_dir());
  std::size_t num_port_lessons = 0;
  for (const hl::Lesson& lesson : library.lessons) {
    if (!lesson.port) continue;
    ++num_port_lessons;
    INFO("lesson " << lesson.id);
    hl::Transcript t = hl::run_scenario(lesson.scenario);
    CHECK(t.failure == "");
    if (lesson.scenario.mode == hl::PortMode::plaintext || !lesson.scenario.starttls) {
      CHECK(count(t, hl::StepKind::record) == 0);
      CHECK(count(t, hl::StepKind::app_line) > 0);
      continue;
    }
    CHECK(t.handshake_complete);
    if (lesson.scenario.mode == hl::PortMode::implicit_tls) CHECK(count(t, hl::StepKind::app_line) == 0);
    if (lesson.scenario.mode != hl::PortMode::starttls) continue;
    std::ptrdiff_t hello = first_record(t);
    CHECK(hello > 0);
    CHECK(last_app_line(t) < hello);
    // The same lesson with the toggle off: the same dialogue, no TLS at all.
    hl::Scenario off = lesson.scenario;
    off.starttls = false;
    hl::Transcript clear = hl::run_scenario(off);
    CHECK(count(clear, hl::StepKind::record) == 0);
    CHECK(clear.failure == "");
  }
  CHECK(num_port_lessons >= 13);
}
