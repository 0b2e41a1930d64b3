// ALPN (RFC 7301) between the real endpoints: the client offers a list, the server picks from its
// own, and with nothing in common the server ends the handshake with no_application_protocol.
// SNI (RFC 6066 §3) with virtual hosts: the server picks the certificate by the name the client sends.
#include <catch2/catch.hpp>

#include <string>

#include "core/engine/engine.hpp"
#include "core/engine/outcome.hpp"
#include "core/engine/scenario_checks.hpp"
#include "support/seeded_scenario.hpp"

using namespace hl;

namespace {

constexpr int kNoApplicationProtocol = 120;

Scenario https_with(std::initializer_list<std::pair<const char*, std::string>> settings) {
  return hl::test::seeded_scenario(5, settings);
}

// The subject of the leaf the client checked, and that check's error name.
std::pair<std::string, std::string> leaf_check(const Transcript& t) {
  for (const auto& step : t.steps)
    for (const auto& part : step.parts)
      if (part.kind == EventKind::verify && part.verify.depth == 0) return {part.verify.subject, part.verify.error_name};
  return {};
}

}  // namespace

TEST_CASE("a client offering h2 and http/1.1 gets http/1.1 from the lab's HTTP/1.1 server") {
  for (const char* version : {"1.3", "1.2"}) {
    INFO(version);
    const Transcript t = run_scenario(https_with({{"version", version}, {"alpn", "h2,http/1.1"}}));
    CHECK(t.handshake_complete);
    CHECK(t.failure.empty());
    CHECK(t.negotiated.alpn == "http/1.1");
  }
}

TEST_CASE("no protocol in common: the server sends no_application_protocol and nothing else is said") {
  for (const char* version : {"1.3", "1.2"}) {
    INFO(version);
    const Transcript t = run_scenario(https_with({{"version", version}, {"alpn", "h2"}}));
    CHECK_FALSE(t.handshake_complete);
    CHECK(t.negotiated.alpn.empty());
    const FailureCause cause = failure_cause(t);
    CHECK(cause.alert == kNoApplicationProtocol);
    CHECK(cause.alert_name == "no_application_protocol");
    CHECK(cause.alert_from == Side::server);
  }
}

TEST_CASE("server-alpn: a server that ignores ALPN, and one that speaks a list of its own") {
  const Transcript ignoring = run_scenario(https_with({{"server-alpn", ""}}));
  CHECK(ignoring.handshake_complete);
  CHECK(ignoring.negotiated.alpn.empty());  // RFC 7301: no extension in the reply, and the client carries on

  const Transcript own = run_scenario(https_with({{"alpn", "h2,http/1.1"}, {"server-alpn", "http/1.1"}}));
  CHECK(own.negotiated.alpn == "http/1.1");

  Scenario imap;
  imap.seed = 5;
  REQUIRE(set_scenario_field(imap, "port", "993").empty());
  imap.protocol = "imap";
  REQUIRE(set_scenario_field(imap, "alpn", "imap").empty());
  const Transcript same = run_scenario(imap);  // server-alpn=same: it speaks what the client offers
  CHECK(same.negotiated.alpn == "imap");
  REQUIRE(set_scenario_field(imap, "server-alpn", "pop3").empty());
  CHECK(failure_cause(run_scenario(imap)).alert == kNoApplicationProtocol);
}

TEST_CASE("server-alpn reads back as it was set; same is the default") {
  Scenario s;
  CHECK(scenario_value(s, "server-alpn") == "same");
  REQUIRE(set_scenario_field(s, "server-alpn", "http/1.1").empty());
  CHECK(scenario_value(s, "server-alpn") == "http/1.1");
  REQUIRE(set_scenario_field(s, "server-alpn", "").empty());
  CHECK(scenario_value(s, "server-alpn").empty());
  REQUIRE(set_scenario_field(s, "server-alpn", "same").empty());
  CHECK_FALSE(s.server_alpn.has_value());
  CHECK(server_alpn_list(s) == "http/1.1");
}

TEST_CASE("virtual hosts: the server picks the certificate by SNI, and falls back to its default without it") {
  for (const char* version : {"1.3", "1.2"}) {
    INFO(version);
    const auto hosted = {std::pair<const char*, std::string>{"version", version},
                         {"virtual-hosts", "mail.example.com,shop.example.com"}};
    Scenario mail = https_with(hosted);
    REQUIRE(set_scenario_field(mail, "server-name", "mail.example.com").empty());
    REQUIRE(set_scenario_field(mail, "verify-name", "mail.example.com").empty());
    const Transcript by_name = run_scenario(mail);
    CHECK(by_name.handshake_complete);
    CHECK(leaf_check(by_name).first.find("CN=mail.example.com") != std::string::npos);
    CHECK(leaf_check(by_name).second == "X509_V_OK");

    // No SNI: the default certificate (www.example.com), and the client's name check fails on it.
    REQUIRE(set_scenario_field(mail, "server-name", "").empty());
    const Transcript unnamed = run_scenario(mail);
    CHECK_FALSE(unnamed.handshake_complete);
    CHECK(leaf_check(unnamed).first.find("CN=www.example.com") != std::string::npos);
    CHECK(leaf_check(unnamed).second == "X509_V_ERR_HOSTNAME_MISMATCH");

    // A name the server does not host: the default certificate too.
    Scenario www = https_with(hosted);
    const Transcript default_site = run_scenario(www);
    CHECK(default_site.handshake_complete);
    CHECK(leaf_check(default_site).first.find("CN=www.example.com") != std::string::npos);
  }
}

TEST_CASE("virtual-hosts reads back; empty means none") {
  Scenario s;
  CHECK(scenario_value(s, "virtual-hosts").empty());
  REQUIRE(set_scenario_field(s, "virtual-hosts", "a.example,b.example").empty());
  CHECK(s.cert.virtual_hosts == std::vector<std::string>{"a.example", "b.example"});
  CHECK(scenario_value(s, "virtual-hosts") == "a.example,b.example");
  REQUIRE(set_scenario_field(s, "virtual-hosts", "").empty());
  CHECK(s.cert.virtual_hosts.empty());
}
