// The eavesdropper's view: what a passive observer reads on real runs (credentials on the
// cleartext ports, only headers, hello fields and sizes under TLS) and on hand-made steps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "core/engine/engine.hpp"
#include "core/export/eavesdropper.hpp"
#include "core/protocols/account.hpp"
#include "core/wire/decode.hpp"

namespace {

hl::Scenario scenario(const char* protocol, int port, hl::PortMode mode, bool starttls = true) {
  hl::Scenario s;
  s.protocol = protocol;
  s.port = port;
  s.mode = mode;
  s.starttls = starttls;
  s.seed = 11;
  return s;
}

hl::Step app_step(const std::string& protocol, hl::Side from, const std::string& text) {
  hl::Step step;
  step.kind = hl::StepKind::app_line;
  step.from = from;
  step.protocol = protocol;
  step.title = "unit";
  step.bytes.assign(text.begin(), text.end());
  return step;
}

std::string range_text(const hl::SeenStep& seen, const hl::Exposure& e) {
  REQUIRE(e.offset + e.length <= seen.bytes.size());
  return std::string(seen.bytes.begin() + static_cast<std::ptrdiff_t>(e.offset),
                     seen.bytes.begin() + static_cast<std::ptrdiff_t>(e.offset + e.length));
}

const hl::Exposure* find_exposure(const hl::SeenStep& seen, const std::string& what) {
  auto it = std::find_if(seen.exposures.begin(), seen.exposures.end(), [&](auto& e) { return e.what == what; });
  return it == seen.exposures.end() ? nullptr : &*it;
}

const std::string kPassword = hl::account::kPassword;

}  // namespace

TEST_CASE("Eavesdropper: each protocol's credential is marked over its exact bytes") {
  hl::Transcript t;
  t.steps.push_back(app_step("imap", hl::Side::client, "a4 LOGIN alice \"" + kPassword + "\"\r\n"));
  t.steps.push_back(app_step("pop3", hl::Side::client, "PASS " + kPassword + "\r\n"));
  t.steps.push_back(app_step("ftp", hl::Side::client, "USER alice\r\n"));
  t.steps.push_back(app_step("http", hl::Side::client, "GET / HTTP/1.1\r\nHost: a\r\nCookie: session=abc123\r\n\r\n"));
  t.steps.push_back(app_step("http", hl::Side::client, "GET / HTTP/1.1\r\nAuthorization: Basic YWxpY2U6cHc=\r\n\r\n"));
  t.steps.push_back(app_step("smtp", hl::Side::client, "AUTH PLAIN AGFsaWNlAHB3\r\n"));
  t.steps.push_back(app_step("smtp", hl::Side::server, "250-AUTH PLAIN LOGIN\r\n250 8BITMIME\r\n"));
  hl::Step event;
  event.kind = hl::StepKind::event;
  t.steps.push_back(event);
  hl::EavesdropperView view = hl::eavesdropper_view(t);
  REQUIRE(view.steps.size() == 7);
  CHECK(view.num_hidden_events == 1);

  const hl::Exposure* password = find_exposure(view.steps[0], "password");
  REQUIRE(password);
  CHECK(password->secret);
  CHECK(range_text(view.steps[0], *password) == kPassword);
  CHECK(range_text(view.steps[0], *find_exposure(view.steps[0], "user name")) == "alice");
  CHECK(range_text(view.steps[1], *find_exposure(view.steps[1], "password")) == kPassword);
  CHECK_FALSE(find_exposure(view.steps[2], "user name")->secret);
  CHECK(range_text(view.steps[3], *find_exposure(view.steps[3], "session cookie")) == "session=abc123");
  const hl::Exposure* basic = find_exposure(view.steps[4], "Authorization header");
  REQUIRE(basic);
  CHECK_THAT(basic->value, Catch::StartsWith("alice:pw"));
  const hl::Exposure* plain = find_exposure(view.steps[5], "AUTH PLAIN credentials (base64 of user and password)");
  REQUIRE(plain);
  CHECK(range_text(view.steps[5], *plain) == "AGFsaWNlAHB3");
  CHECK(plain->value == " alice pw");
  CHECK(view.steps[6].exposures.empty());  // the server advertising AUTH gives nothing away
  CHECK(view.secrets.size() == 5);
  CHECK(view.steps[0].text == "a4 LOGIN alice \"" + kPassword + "\"\r\n");
}

TEST_CASE("Eavesdropper: SMTP 587 with starttls=off hands over the AUTH PLAIN blob") {
  hl::Transcript t = hl::run_scenario(scenario("smtp", 587, hl::PortMode::starttls, false));
  hl::EavesdropperView view = hl::eavesdropper_view(t, hl::wire::decode_transcript(t));
  CHECK(view.ciphertext_bytes == 0);
  REQUIRE(view.secrets.size() == 1);
  CHECK(view.secrets[0].value == " alice " + kPassword);
  CHECK_THAT(hl::eavesdropper_to_text(view), Catch::Contains("AUTH PLAIN credentials"));
}

TEST_CASE("Eavesdropper: LDAP simple bind in the clear, read out of the BER") {
  hl::Transcript t = hl::run_scenario(scenario("ldap", 389, hl::PortMode::starttls, false));
  hl::EavesdropperView view = hl::eavesdropper_view(t);
  REQUIRE(view.secrets.size() == 1);
  CHECK(view.secrets[0].value == kPassword);
  const hl::SeenStep& bind = view.steps[view.secret_steps[0] == view.steps[0].index ? 0 : 1];
  CHECK(range_text(bind, view.secrets[0]) == kPassword);
  CHECK(find_exposure(bind, "bind DN")->value == hl::account::kLdapDn);
}

TEST_CASE("Eavesdropper: IMAPS 993 shows headers, the hello's clear fields and ciphertext sizes only") {
  hl::Scenario s = scenario("imap", 993, hl::PortMode::implicit_tls);
  s.server_name = "mail.example.com";
  s.alpn = "imap";
  hl::Transcript t = hl::run_scenario(s);
  REQUIRE(t.handshake_complete);
  hl::EavesdropperView view = hl::eavesdropper_view(t, hl::wire::decode_transcript(t));
  CHECK(view.secrets.empty());
  CHECK(view.server_name == "mail.example.com");
  std::size_t num_wire_steps = 0, num_events = 0;
  for (const auto& step : t.steps) (step.kind == hl::StepKind::event ? num_events : num_wire_steps)++;
  CHECK(view.steps.size() == num_wire_steps);
  CHECK(view.num_hidden_events == num_events);

  const hl::SeenStep& hello = view.steps.front();
  CHECK_THAT(hello.summary, Catch::Contains("client_hello"));
  const hl::Exposure* sni = find_exposure(hello, "server name (SNI)");
  REQUIRE(sni);
  CHECK(range_text(hello, *sni) == "mail.example.com");
  CHECK(find_exposure(hello, "ALPN (application protocols offered)")->value == "imap");
  CHECK_THAT(find_exposure(hello, "offered cipher suites")->value, Catch::Contains("TLS_AES_128_GCM_SHA256"));
  CHECK_THAT(find_exposure(hello, "offered TLS versions")->value, Catch::Contains("TLS 1.3"));

  std::size_t num_encrypted = 0;
  for (const auto& seen : view.steps) {
    if (!seen.encrypted) continue;
    ++num_encrypted;
    const hl::Step& step = t.steps[seen.index];
    CHECK(seen.summary.find(step.title) == std::string::npos);  // the observer never learns what it was
    CHECK_THAT(seen.summary, Catch::Contains(std::to_string(step.bytes.size()) + " bytes on the wire (5-byte header + " +
                                             std::to_string(seen.record_len) + " bytes of ciphertext)"));
    CHECK(seen.exposures.empty());
    CHECK(seen.fields.size() == 4);  // header fields and the ciphertext, nothing decrypted
    CHECK(seen.content_type == 23);
  }
  CHECK(num_encrypted > 5);
  CHECK(view.ciphertext_bytes > 0);

  nlohmann::json json = hl::eavesdropper_to_json(view);
  CHECK(json["server_name"] == "mail.example.com");
  CHECK(json["steps"].size() == view.steps.size());
  CHECK(json["steps"][0]["kind"] == "record");
  CHECK(json["secrets"].empty());
}

TEST_CASE("Eavesdropper: TLS 1.2 shows the certificate chain, TLS 1.3 does not") {
  auto has_certificate = [](const hl::EavesdropperView& view) {
    return std::any_of(view.steps.begin(), view.steps.end(), [](auto& seen) {
      return find_exposure(seen, "certificate chain (unencrypted)") != nullptr;
    });
  };
  hl::Scenario s = scenario("http", 443, hl::PortMode::implicit_tls);
  CHECK_FALSE(has_certificate(hl::eavesdropper_view(hl::run_scenario(s))));
  s.version = hl::TlsVersion::tls12;
  hl::EavesdropperView view = hl::eavesdropper_view(hl::run_scenario(s));
  REQUIRE(has_certificate(view));
  for (const auto& seen : view.steps) {
    const hl::Exposure* chain = find_exposure(seen, "certificate chain (unencrypted)");
    if (chain) CHECK_THAT(chain->value, Catch::StartsWith("CN=" + s.cert.subject_cn));
  }
}

TEST_CASE("Eavesdropper: STARTTLS shows the dialogue up to the upgrade, then only ciphertext") {
  hl::Transcript t = hl::run_scenario(scenario("pop3", 110, hl::PortMode::starttls));
  hl::EavesdropperView view = hl::eavesdropper_view(t);
  CHECK(view.secrets.empty());
  auto stls = std::find_if(view.steps.begin(), view.steps.end(), [](auto& s) { return s.text == "STLS\r\n"; });
  REQUIRE(stls != view.steps.end());
  REQUIRE(stls + 1 != view.steps.end());
  CHECK(stls[1].text == "+OK Begin TLS negotiation\r\n");  // the last thing in the clear
  CHECK(std::none_of(stls + 2, view.steps.end(), [](auto& s) { return !s.is_record; }));
  std::string text = hl::eavesdropper_to_text(view);
  CHECK_THAT(text, Catch::Contains("| STLS"));
  CHECK_THAT(text, Catch::Contains("No credential crossed the wire in the clear."));
}

TEST_CASE("Eavesdropper: broken records and units do not trip it") {
  hl::Transcript t;
  hl::Step record;
  record.kind = hl::StepKind::record;
  record.bytes = {0x16, 0x03};  // cut inside the header
  t.steps.push_back(record);
  record.bytes = {0x16, 0x03, 0x01, 0x00, 0x30, 0x01, 0x00, 0x00, 0x40, 0x03, 0x03};  // ClientHello cut short
  t.steps.push_back(record);
  t.steps.push_back(app_step("ldap", hl::Side::client, std::string("\x30\x84\xff\xff", 4)));
  t.steps.push_back(app_step("imap", hl::Side::client, "a1 LOGIN\r\n"));
  hl::EavesdropperView view = hl::eavesdropper_view(t);
  REQUIRE(view.steps.size() == 4);
  CHECK_THAT(view.steps[0].summary, Catch::Contains("fragment"));
  CHECK(view.steps[1].exposures.empty());
  CHECK(view.secrets.empty());
}

TEST_CASE("Eavesdropper: header, readable and ciphertext bytes add up to what the ladder shows") {
  for (const auto& s : {scenario("http", 443, hl::PortMode::implicit_tls), scenario("smtp", 587, hl::PortMode::starttls),
                        scenario("imap", 143, hl::PortMode::starttls, false)}) {
    hl::Transcript t = hl::run_scenario(s);
    hl::EavesdropperView view = hl::eavesdropper_view(t);
    std::size_t ladder_total = 0, num_records = 0, encrypted_fragments = 0;
    for (const auto& step : t.steps) {
      ladder_total += step.bytes.size();  // the ladder's "N B" for each step on the wire
      if (step.kind != hl::StepKind::record) continue;
      ++num_records;
      if (step.is_protected) encrypted_fragments += step.bytes.size() - 5;
    }
    INFO(s.protocol << " " << s.port);
    CHECK(view.wire_bytes == ladder_total);
    CHECK(view.header_bytes + view.readable_bytes + view.ciphertext_bytes == view.wire_bytes);
    CHECK(view.header_bytes == 5 * num_records);  // every header counted as a header, never as payload
    CHECK(view.ciphertext_bytes == encrypted_fragments);
    CHECK(view.cleartext_bytes == view.header_bytes + view.readable_bytes);
    const std::string text = hl::eavesdropper_to_text(view);
    CHECK_THAT(text, Catch::Contains("On the wire: " + std::to_string(ladder_total) + " bytes = " +
                                     std::to_string(view.header_bytes) + " bytes of record headers"));
    nlohmann::json json = hl::eavesdropper_to_json(view);
    CHECK(json["wire_bytes"] == ladder_total);
    CHECK(json["header_bytes"] == view.header_bytes);
    CHECK(json["readable_bytes"] == view.readable_bytes);
  }
}
