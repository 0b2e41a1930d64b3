// SMTP peers joined directly (no TLS): the exact dialogue on 25, 587 and 465, when TLS is
// asked for, and what starttls=off leaves in the clear.
#include <catch2/catch.hpp>

#include "core/protocols/account.hpp"
#include "core/protocols/line_peer.hpp"
#include "core/protocols/smtp.hpp"
#include "protocol_loop.hpp"

using hl::test::run_dialogue;
using hl::test::titles;
using Titles = std::vector<std::string>;

namespace {

hl::PeerConfig smtp(int port, hl::PortMode mode, bool starttls = true) {
  return hl::test::protocol_config("smtp", port, mode, starttls);
}

std::vector<hl::test::LoggedUnit> run(const hl::PeerConfig& s) {
  hl::Dialogue d = hl::make_smtp_dialogue(s);
  auto log = run_dialogue(d);
  CHECK(d.client->finished());
  CHECK(d.server->finished());
  return log;
}

}  // namespace

TEST_CASE("SMTP 587: STARTTLS, then AUTH PLAIN only inside TLS") {
  auto log = run(smtp(587, hl::PortMode::starttls));
  CHECK(titles(log) == Titles{"S:220 (greeting)", "C:EHLO", "S:250-STARTTLS", "C:STARTTLS", "S:220 (ready for TLS)",
                              "TLS", "C:EHLO", "S:250 (EHLO reply)", "C:AUTH PLAIN", "S:235 (authenticated)",
                              "C:MAIL FROM", "S:250 (sender ok)", "C:RCPT TO", "S:250 (recipient ok)", "C:DATA",
                              "S:354 (send message)", "C:message", "S:250 (queued)", "C:QUIT", "S:221 (bye)"});
  // Before TLS the server offers STARTTLS but not AUTH; inside TLS it offers AUTH but not STARTTLS.
  CHECK(log[2].text.find("250-STARTTLS\r\n") != std::string::npos);
  CHECK(log[2].text.find("AUTH") == std::string::npos);
  CHECK(log[7].text.find("250-AUTH PLAIN LOGIN\r\n") != std::string::npos);
  CHECK(log[7].text.find("STARTTLS") == std::string::npos);
  CHECK(log[8].text == "AUTH PLAIN " + hl::base64_encode(std::string("\0alice\0", 7) + hl::account::kPassword) + "\r\n");
  CHECK_FALSE(hl::test::in_clear(log, "AUTH PLAIN"));
}

TEST_CASE("SMTP 587 with starttls=off: AUTH crosses in the clear and is refused") {
  auto log = run(smtp(587, hl::PortMode::starttls, false));
  CHECK(titles(log) == Titles{"S:220 (greeting)", "C:EHLO", "S:250-STARTTLS", "C:AUTH PLAIN", "S:530 (STARTTLS first)",
                              "C:QUIT", "S:221 (bye)"});
  std::string blob = hl::base64_encode(std::string("\0alice\0", 7) + hl::account::kPassword);
  CHECK(hl::test::in_clear(log, blob));
  CHECK(log[4].text == "530 5.7.0 Must issue a STARTTLS command first\r\n");
}

TEST_CASE("SMTP 25: relay with opportunistic STARTTLS and no AUTH") {
  auto log = run(smtp(25, hl::PortMode::starttls));
  CHECK(titles(log) == Titles{"S:220 (greeting)", "C:EHLO", "S:250-STARTTLS", "C:STARTTLS", "S:220 (ready for TLS)",
                              "TLS", "C:EHLO", "S:250 (EHLO reply)", "C:MAIL FROM", "S:250 (sender ok)", "C:RCPT TO",
                              "S:250 (recipient ok)", "C:DATA", "S:354 (send message)", "C:message", "S:250 (queued)",
                              "C:QUIT", "S:221 (bye)"});
  CHECK_FALSE(hl::test::anywhere(log, "AUTH"));
  CHECK(log[6].text == "EHLO relay.example.net\r\n");
  CHECK_FALSE(hl::test::in_clear(log, "Quarterly numbers"));
}

TEST_CASE("SMTP 25 with starttls=off: the whole mail crosses in the clear") {
  auto log = run(smtp(25, hl::PortMode::starttls, false));
  CHECK(titles(log) == Titles{"S:220 (greeting)", "C:EHLO", "S:250-STARTTLS", "C:MAIL FROM", "S:250 (sender ok)",
                              "C:RCPT TO", "S:250 (recipient ok)", "C:DATA", "S:354 (send message)", "C:message",
                              "S:250 (queued)", "C:QUIT", "S:221 (bye)"});
  CHECK(hl::test::in_clear(log, "Subject: Quarterly numbers"));
  CHECK(log[9].text.ends_with("\r\n.\r\n"));
}

TEST_CASE("SMTP 465: implicit TLS from the first byte") {
  hl::Dialogue d = hl::make_smtp_dialogue(smtp(465, hl::PortMode::implicit_tls));
  CHECK(d.client->wants_tls());
  CHECK(d.server->wants_tls());
  auto log = run_dialogue(d);
  REQUIRE(log.size() > 2);
  CHECK(log[0].title == "TLS");
  CHECK(log[1].title == "220 (greeting)");
  CHECK(titles(log)[2] == "C:EHLO");
  CHECK(titles(log)[3] == "S:250 (EHLO reply)");
  CHECK(titles(log)[4] == "C:AUTH PLAIN");
  CHECK(titles(log).back() == "S:221 (bye)");
  CHECK_FALSE(hl::test::anywhere(log, "STARTTLS"));
  CHECK_FALSE(hl::test::in_clear(log, "EHLO"));
}

TEST_CASE("SMTP peers ask for TLS exactly after 220 (ready for TLS)") {
  hl::Dialogue d = hl::make_smtp_dialogue(smtp(587, hl::PortMode::starttls));
  auto deliver = [](hl::ProtocolPeer& from, hl::ProtocolPeer& to) {
    auto units = from.take_output();
    for (auto& u : units) to.receive(u.bytes);
    return units;
  };
  CHECK_FALSE(d.client->wants_tls());
  deliver(*d.server, *d.client);  // greeting
  deliver(*d.client, *d.server);  // EHLO
  deliver(*d.server, *d.client);  // 250-STARTTLS
  CHECK_FALSE(d.client->wants_tls());
  auto starttls = deliver(*d.client, *d.server);
  REQUIRE(starttls.size() == 1);
  CHECK(starttls[0].title == "STARTTLS");
  CHECK(d.server->wants_tls());
  CHECK_FALSE(d.client->wants_tls());
  deliver(*d.server, *d.client);  // 220
  CHECK(d.client->wants_tls());
}

TEST_CASE("SMTP plaintext mode: no STARTTLS offered, AUTH offered in the clear (legacy server)") {
  auto log = run(smtp(587, hl::PortMode::plaintext));
  CHECK(titles(log)[2] == "S:250 (EHLO reply)");
  CHECK(titles(log)[3] == "C:AUTH PLAIN");
  CHECK(titles(log)[4] == "S:235 (authenticated)");
  CHECK_FALSE(hl::test::anywhere(log, "STARTTLS"));
}

TEST_CASE("SMTP server: split and coalesced input, unknown verbs, bad AUTH") {
  hl::Dialogue d = hl::make_smtp_dialogue(smtp(465, hl::PortMode::implicit_tls));
  d.server->take_output();
  std::string both = "EHL";
  d.server->receive({reinterpret_cast<const std::uint8_t*>(both.data()), both.size()});
  CHECK(d.server->take_output().empty());  // half a line: nothing yet
  std::string rest = "O x\r\nNOOPE\r\nAUTH PLAIN !!!!\r\n";
  d.server->receive({reinterpret_cast<const std::uint8_t*>(rest.data()), rest.size()});
  auto out = d.server->take_output();
  REQUIRE(out.size() == 3);
  CHECK(out[0].title == "250 (EHLO reply)");
  CHECK(out[1].title == "502 (unknown)");
  CHECK(out[2].title == "535 (bad credentials)");
}
