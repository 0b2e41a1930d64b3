// Live sessions without sockets: a lab client session and a lab server session joined by a
// byte loop in memory, for every port lesson with TLS; hostile bytes into a server session; and
// the address rules. The socket loop and real clients are in test_live.cpp.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "core/lessons/loader.hpp"
#include "core/live/address.hpp"
#include "core/live/lab_tls.hpp"
#include "core/live/session.hpp"
#include "core/live/unit_title.hpp"

using namespace hl;

namespace {

Scenario lesson_scenario(const std::string& id) {
  static const auto library = load_lesson_library(std::string(HL_SOURCE_DIR) + "/lessons");
  const Lesson* lesson = find_lesson(library, id);
  REQUIRE(lesson != nullptr);
  return live::live_scenario(lesson->scenario, {"localhost"});
}

std::shared_ptr<const ContextPair> contexts_for(const Scenario& scenario) {
  std::shared_ptr<const ContextPair> contexts;
  std::string error;
  REQUIRE(live::live_contexts(scenario, "", contexts, error));
  return contexts;
}

struct Pair {
  Transcript client;
  Transcript server;
};

// Moves bytes between two sessions, `chunk` bytes at a time, until neither has anything to say.
Pair talk(const Scenario& scenario, std::size_t chunk) {
  const auto contexts = contexts_for(scenario);
  live::Session client(scenario, Side::client, contexts, {});
  live::Session server(scenario, Side::server, contexts, {});
  std::string error;
  REQUIRE(server.start(error));
  REQUIRE(client.start(error));
  for (int round = 0; round < 10000; ++round) {
    const Bytes to_server = client.take_output();
    const Bytes to_client = server.take_output();
    if (to_server.empty() && to_client.empty()) break;
    for (std::size_t at = 0; at < to_server.size(); at += chunk)
      server.receive(std::span(to_server).subspan(at, std::min(chunk, to_server.size() - at)));
    for (std::size_t at = 0; at < to_client.size(); at += chunk)
      client.receive(std::span(to_client).subspan(at, std::min(chunk, to_client.size() - at)));
  }
  return {client.finish(), server.finish()};
}

std::size_t count_kind(const Transcript& transcript, StepKind kind, Side from) {
  std::size_t count = 0;
  for (const Step& step : transcript.steps) count += step.kind == kind && step.from == from;
  return count;
}

// The records and units one side sent, in order, as seen in `transcript`.
std::vector<Bytes> sent_by(const Transcript& transcript, Side from) {
  std::vector<Bytes> wire;
  for (const Step& step : transcript.steps)
    if (step.kind != StepKind::event && step.from == from) wire.push_back(step.bytes);
  return wire;
}

// `a` equals `b`, or one lacks the other's last element (a session stops reading once it has
// said goodbye, so it may miss the peer's own close_notify).
bool same_but_last(const std::vector<Bytes>& a, const std::vector<Bytes>& b) {
  const std::size_t common = std::min(a.size(), b.size());
  if (std::max(a.size(), b.size()) - common > 1) return false;
  return std::equal(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(common), b.begin());
}

// Each direction carried the same bytes in both recordings. The two directions may interleave
// differently: each side records when it wrote and when it read, as a capture at each end would.
bool same_wire(const Transcript& a, const Transcript& b) {
  return same_but_last(sent_by(a, Side::client), sent_by(b, Side::client)) &&
         same_but_last(sent_by(a, Side::server), sent_by(b, Side::server));
}

std::string wire_summary(const Transcript& t) {
  std::string text;
  for (const Step& step : t.steps)
    if (step.kind != StepKind::event) text += std::string(side_name(step.from)) + ":" + step.title + "/" + std::to_string(step.bytes.size()) + " ";
  return text;
}

bool protected_records_carry_plaintext(const Transcript& transcript) {
  for (const Step& step : transcript.steps)
    if (step.is_protected && step.plaintext.empty()) return false;
  return true;
}

}  // namespace

TEST_CASE("two live sessions complete every TLS port lesson, both recording the same wire", "[live]") {
  const auto id = GENERATE(as<std::string>{}, "https-443", "submission-587", "smtp-25", "imap-143", "imaps-993",
                           "pop3-110", "pop3s-995", "ftp-21", "ftps-990", "ldap-389", "ldaps-636", "smtps-465");
  CAPTURE(id);
  const Pair pair = talk(lesson_scenario(id), 1 << 20);
  REQUIRE(pair.client.failure.empty());
  CHECK(pair.server.failure.empty());
  CHECK(pair.client.handshake_complete);
  CHECK(pair.server.handshake_complete);
  INFO("client " << wire_summary(pair.client) << "\nserver " << wire_summary(pair.server));
  CHECK(same_wire(pair.client, pair.server));
  // Each side records only its own events; the other side's records it opened itself.
  CHECK(count_kind(pair.client, StepKind::event, Side::server) == 0);
  CHECK(count_kind(pair.server, StepKind::event, Side::client) == 0);
  CHECK(protected_records_carry_plaintext(pair.client));
  CHECK(protected_records_carry_plaintext(pair.server));
  CHECK(pair.client.negotiated.cipher == pair.server.negotiated.cipher);
}

TEST_CASE("a live server opens the client's protected records to what the client wrote", "[live]") {
  const Pair pair = talk(lesson_scenario("https-443"), 1 << 20);
  // The client session wrote these records itself (its capture knows the plaintext); the server opened them.
  std::size_t num_opened = 0;
  for (const Step& opened : pair.server.steps) {
    if (opened.kind != StepKind::record || opened.from != Side::client || !opened.is_protected) continue;
    auto found = std::find_if(pair.client.steps.begin(), pair.client.steps.end(),
                              [&](const Step& s) { return s.kind == StepKind::record && s.bytes == opened.bytes; });
    REQUIRE(found != pair.client.steps.end());
    const Step& written = *found;
    ++num_opened;
    CHECK(opened.plaintext == written.plaintext);
    CHECK(opened.inner_type == written.inner_type);
    CHECK(opened.protection == written.protection);
    CHECK(opened.messages == written.messages);
  }
  CHECK(num_opened >= 2);  // at least the Finished and the request
}

TEST_CASE("bytes arriving one at a time give the same wire as one piece (a slow peer)", "[live]") {
  const Scenario scenario = lesson_scenario("submission-587");
  const Pair whole = talk(scenario, 1 << 20);
  const Pair drip = talk(scenario, 1);
  REQUIRE(drip.server.failure.empty());
  CHECK(sent_by(drip.server, Side::client).size() == sent_by(whole.server, Side::client).size());
  CHECK(count_kind(drip.server, StepKind::app_line, Side::client) == count_kind(whole.server, StepKind::app_line, Side::client));
}

TEST_CASE("TLS 1.2 live: the peer's records after its ChangeCipherSpec are opened", "[live]") {
  Scenario scenario = lesson_scenario("https-443");
  scenario.version = TlsVersion::tls12;
  const Pair pair = talk(scenario, 1 << 20);
  REQUIRE(pair.server.failure.empty());
  CHECK(pair.server.negotiated.version == "TLSv1.2");
  const auto finished = std::find_if(pair.server.steps.begin(), pair.server.steps.end(), [](const Step& s) {
    return s.from == Side::client && carries(s, HandshakeType::finished);
  });
  REQUIRE(finished != pair.server.steps.end());
  CHECK(finished->is_protected);
  CHECK(finished->protection == TrafficSecret::tls12_client_write);
}

TEST_CASE("hostile bytes end a live server session with a failure, never a crash", "[live]") {
  const Scenario scenario = lesson_scenario("https-443");
  const auto contexts = contexts_for(scenario);
  std::string error;

  SECTION("random bytes") {
    std::mt19937 random(12);
    Bytes noise(4096);
    for (auto& byte : noise) byte = static_cast<std::uint8_t>(random());
    noise[3] = 0x01;  // a first record short enough to be read, so OpenSSL judges it
    noise[4] = 0x00;
    live::Session server(scenario, Side::server, contexts, {});
    REQUIRE(server.start(error));
    server.receive(noise);
    CHECK(server.done());
    const Transcript transcript = server.finish();
    CHECK_FALSE(transcript.failure.empty());
    CHECK_FALSE(transcript.handshake_complete);
    REQUIRE_FALSE(transcript.steps.empty());
    CHECK(transcript.steps.front().kind == StepKind::record);
    CHECK(transcript.steps.front().from == Side::client);
  }
  SECTION("a hostile server's random bytes into the lab's client") {
    std::mt19937 random(99);
    Bytes noise(2048);
    for (auto& byte : noise) byte = static_cast<std::uint8_t>(random());
    noise[0] = 0x16;  // a handshake record of 300 bytes of garbage: OpenSSL must judge it
    noise[3] = 0x01;
    noise[4] = 0x2C;
    live::Session client(scenario, Side::client, contexts, {});
    REQUIRE(client.start(error));
    CHECK_FALSE(client.take_output().empty());  // its ClientHello
    client.receive(noise);
    CHECK(client.done());
    const Transcript transcript = client.finish();
    CHECK(transcript.failure.find("The lab's client stopped the handshake") != std::string::npos);
    CHECK(transcript.steps.front().kind == StepKind::record);
  }
  SECTION("a record longer than the bound") {
    live::Limits limits;
    limits.max_record_len = 1000;
    live::Session server(scenario, Side::server, contexts, limits);
    REQUIRE(server.start(error));
    const Bytes header = {0x16, 0x03, 0x01, 0x03, 0xE9};  // 1001 bytes announced
    server.receive(header);
    CHECK(server.done());
    CHECK(server.finish().failure.find("1001 bytes") != std::string::npos);
  }
  SECTION("a cleartext line that never ends") {
    live::Limits limits;
    limits.max_record_len = 600;
    const Scenario smtp = lesson_scenario("submission-587");
    live::Session server(smtp, Side::server, contexts_for(smtp), limits);
    REQUIRE(server.start(error));
    server.receive(Bytes(601, 'A'));
    CHECK(server.done());
    CHECK(server.finish().failure.find("without ending") != std::string::npos);
  }
  SECTION("a timeout after half a handshake") {
    live::Session server(scenario, Side::server, contexts, {});
    REQUIRE(server.start(error));
    server.receive(Bytes{0x16, 0x03});
    server.stop("The handshake did not finish within 1 s.");
    const Transcript transcript = server.finish();
    CHECK(transcript.failure == "The handshake did not finish within 1 s.");
    CHECK(transcript.steps.back().kind == StepKind::event);
  }
}

TEST_CASE("listen and connect addresses", "[live]") {
  live::HostPort where;
  std::string error;
  CHECK(live::parse_listen("8443", where, error));
  CHECK((where.host == "127.0.0.1" && where.port == 8443));
  CHECK(live::parse_listen("0", where, error));
  CHECK(where.port == 0);
  CHECK(live::parse_listen("[::1]:9000", where, error));
  CHECK((where.host == "::1" && where.port == 9000));
  CHECK(live::parse_connect("localhost:443", where, error));
  CHECK_FALSE(live::parse_listen("65536", where, error));
  CHECK(error.find("65535") != std::string::npos);
  CHECK_FALSE(live::parse_listen("8443x", where, error));
  CHECK_FALSE(live::parse_listen("::1:8443", where, error));
  CHECK_FALSE(live::parse_connect("localhost:0", where, error));
  CHECK_FALSE(live::parse_connect("443", where, error));
  CHECK_FALSE(live::parse_connect("[::1:443", where, error));

  std::vector<live::Resolved> addresses;
  REQUIRE(live::resolve({"127.0.0.2", 1}, false, addresses, error));
  CHECK(live::is_loopback(addresses.front()));
  addresses.clear();
  REQUIRE(live::resolve({"::1", 1}, false, addresses, error));
  CHECK(live::is_loopback(addresses.front()));
  addresses.clear();
  REQUIRE(live::resolve({"192.0.2.1", 1}, false, addresses, error));
  CHECK_FALSE(live::is_loopback(addresses.front()));
}

TEST_CASE("titles of a real peer's units name the verb, never the arguments", "[live]") {
  auto title = [](const char* protocol, Side sender, std::string text) {
    return live::unit_title(protocol, sender, Bytes(text.begin(), text.end()));
  };
  CHECK(title("smtp", Side::client, "AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n") == "AUTH");
  CHECK(title("smtp", Side::server, "250-mail.example.com\r\n250 8BITMIME\r\n") == "250-mail.example.com");
  CHECK(title("imap", Side::client, "a1 LOGIN alice secret\r\n") == "a1 LOGIN");
  CHECK(title("http", Side::client, "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n") == "GET /index.html");
  CHECK(title("http", Side::server, "HTTP/1.1 200 OK\r\n\r\n") == "200 OK");
  CHECK(title("pop3", Side::client, "\r\n") == "(empty line)");
  const Bytes unbind = {0x30, 0x05, 0x02, 0x01, 0x01, 0x42, 0x00};
  CHECK(live::unit_title("ldap", Side::client, unbind) == "LDAP UnbindRequest");
  CHECK(live::unit_title("ldap", Side::client, Bytes{0x30}) == "LDAP message");
}
