// IMAP, POP3 and FTP peers joined directly (no TLS): the exact dialogue per mode, the moment
// TLS is asked for, and what starttls=off leaves in the clear.
#include <catch2/catch.hpp>

#include "core/protocols/account.hpp"
#include "core/protocols/ftp.hpp"
#include "core/protocols/imap.hpp"
#include "core/protocols/pop3.hpp"
#include "protocol_loop.hpp"

using hl::test::protocol_config;
using hl::test::run_dialogue;
using hl::test::titles;
using Titles = std::vector<std::string>;

namespace {

template <typename Make>
std::vector<hl::test::LoggedUnit> run(Make make, const hl::PeerConfig& s) {
  hl::Dialogue d = make(s);
  auto log = run_dialogue(d);
  CHECK(d.client->finished());
  CHECK(d.server->finished());
  return log;
}

const std::string kPassword = hl::account::kPassword;

}  // namespace

TEST_CASE("IMAP 143 STARTTLS: LOGINDISABLED in the clear, CAPABILITY again inside TLS") {
  auto log = run(hl::make_imap_dialogue, protocol_config("imap", 143, hl::PortMode::starttls));
  CHECK(titles(log) == Titles{"S:* OK (greeting)", "C:a1 CAPABILITY", "S:a1 OK (CAPABILITY)", "C:a2 STARTTLS",
                              "S:a2 OK (STARTTLS)", "TLS", "C:a3 CAPABILITY", "S:a3 OK (CAPABILITY)", "C:a4 LOGIN",
                              "S:a4 OK (LOGIN)", "C:a5 SELECT", "S:a5 OK (SELECT)", "C:a6 LOGOUT", "S:a6 OK (LOGOUT)"});
  CHECK(log[2].text == "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\na1 OK CAPABILITY completed\r\n");
  CHECK(log[7].text == "* CAPABILITY IMAP4rev1 AUTH=PLAIN\r\na3 OK CAPABILITY completed\r\n");
  CHECK(log[8].text == "a4 LOGIN alice \"" + kPassword + "\"\r\n");
  CHECK(log[10].text == "a5 SELECT INBOX\r\n");
  CHECK_FALSE(hl::test::in_clear(log, kPassword));
}

TEST_CASE("IMAP 143 with starttls=off: LOGIN crosses in the clear, then is refused") {
  auto log = run(hl::make_imap_dialogue, protocol_config("imap", 143, hl::PortMode::starttls, false));
  CHECK(titles(log) == Titles{"S:* OK (greeting)", "C:a1 CAPABILITY", "S:a1 OK (CAPABILITY)", "C:a2 LOGIN",
                              "S:a2 NO (LOGIN disabled)", "C:a3 LOGOUT", "S:a3 OK (LOGOUT)"});
  CHECK(hl::test::in_clear(log, "LOGIN alice \"" + kPassword + "\""));
  CHECK(log[4].text.starts_with("a2 NO [PRIVACYREQUIRED]"));
}

TEST_CASE("IMAP plaintext server and 993 implicit TLS") {
  auto plain = run(hl::make_imap_dialogue, protocol_config("imap", 143, hl::PortMode::plaintext));
  CHECK(titles(plain) == Titles{"S:* OK (greeting)", "C:a1 CAPABILITY", "S:a1 OK (CAPABILITY)", "C:a2 LOGIN",
                                "S:a2 OK (LOGIN)", "C:a3 SELECT", "S:a3 OK (SELECT)", "C:a4 LOGOUT", "S:a4 OK (LOGOUT)"});
  CHECK(hl::test::in_clear(plain, kPassword));

  auto implicit = run(hl::make_imap_dialogue, protocol_config("imap", 993, hl::PortMode::implicit_tls));
  CHECK(titles(implicit) == Titles{"TLS", "S:* OK (greeting)", "C:a1 CAPABILITY", "S:a1 OK (CAPABILITY)", "C:a2 LOGIN",
                                   "S:a2 OK (LOGIN)", "C:a3 SELECT", "S:a3 OK (SELECT)", "C:a4 LOGOUT",
                                   "S:a4 OK (LOGOUT)"});
  CHECK_FALSE(hl::test::anywhere(implicit, "STARTTLS"));
}

TEST_CASE("IMAP server rejects a wrong password and garbage") {
  hl::Dialogue d = hl::make_imap_dialogue(protocol_config("imap", 993, hl::PortMode::implicit_tls));
  d.server->take_output();
  std::string input = "x1 LOGIN alice \"wrong\"\r\nx2 SELECT INBOX\r\nx3 FROB\r\nlonely\r\n";
  d.server->receive({reinterpret_cast<const std::uint8_t*>(input.data()), input.size()});
  auto out = d.server->take_output();
  REQUIRE(out.size() == 4);
  CHECK(out[0].title == "x1 NO (LOGIN failed)");
  CHECK(out[1].title == "x2 BAD");
  CHECK(out[2].title == "x3 BAD");
  CHECK(out[3].title == "* BAD");
}

TEST_CASE("POP3 110 STLS: CAPA, STLS, CAPA again, USER/PASS inside TLS") {
  auto log = run(hl::make_pop3_dialogue, protocol_config("pop3", 110, hl::PortMode::starttls));
  CHECK(titles(log) == Titles{"S:+OK (greeting)", "C:CAPA", "S:+OK (capabilities)", "C:STLS", "S:+OK (begin TLS)",
                              "TLS", "C:CAPA", "S:+OK (capabilities)", "C:USER", "S:+OK (user)", "C:PASS",
                              "S:+OK (logged in)", "C:STAT", "S:+OK (STAT)", "C:QUIT", "S:+OK (bye)"});
  CHECK(log[2].text.find("\r\nSTLS\r\n") != std::string::npos);
  // RFC 2595 §2.3, RFC 2449 §6.2: no plaintext login offered before STLS; offered once TLS is up.
  CHECK(log[2].text.find("USER") == std::string::npos);
  CHECK(log[2].text.find("SASL") == std::string::npos);
  CHECK(log[7].text.find("STLS") == std::string::npos);
  CHECK(log[7].text.find("\r\nUSER\r\n") != std::string::npos);
  CHECK(log[7].text.find("\r\nSASL PLAIN\r\n") != std::string::npos);
  CHECK(log[10].text == "PASS " + kPassword + "\r\n");
  CHECK_FALSE(hl::test::in_clear(log, kPassword));
}

TEST_CASE("POP3 with starttls=off and on 995") {
  auto off = run(hl::make_pop3_dialogue, protocol_config("pop3", 110, hl::PortMode::starttls, false));
  CHECK(titles(off) == Titles{"S:+OK (greeting)", "C:CAPA", "S:+OK (capabilities)", "C:USER", "S:+OK (user)", "C:PASS",
                              "S:+OK (logged in)", "C:STAT", "S:+OK (STAT)", "C:QUIT", "S:+OK (bye)"});
  CHECK(hl::test::in_clear(off, "PASS " + kPassword + "\r\n"));

  auto implicit = run(hl::make_pop3_dialogue, protocol_config("pop3", 995, hl::PortMode::implicit_tls));
  CHECK(titles(implicit).front() == "TLS");
  CHECK(titles(implicit)[1] == "S:+OK (greeting)");
  CHECK_FALSE(hl::test::anywhere(implicit, "STLS"));
}

TEST_CASE("FTP 21 AUTH TLS: PBSZ 0 and PROT P inside TLS, then USER/PASS") {
  auto log = run(hl::make_ftp_dialogue, protocol_config("ftp", 21, hl::PortMode::starttls));
  CHECK(titles(log) == Titles{"S:220 (greeting)", "C:AUTH TLS", "S:234 (begin TLS)", "TLS", "C:PBSZ 0", "S:200 (PBSZ)",
                              "C:PROT P", "S:200 (PROT)", "C:USER", "S:331 (password please)", "C:PASS",
                              "S:230 (logged in)", "C:QUIT", "S:221 (bye)"});
  CHECK(log[1].text == "AUTH TLS\r\n");
  CHECK_FALSE(hl::test::in_clear(log, kPassword));
}

TEST_CASE("FTP with starttls=off, plaintext and 990 implicit FTPS") {
  Titles clear = {"S:220 (greeting)", "C:USER", "S:331 (password please)", "C:PASS", "S:230 (logged in)", "C:QUIT",
                  "S:221 (bye)"};
  auto off = run(hl::make_ftp_dialogue, protocol_config("ftp", 21, hl::PortMode::starttls, false));
  CHECK(titles(off) == clear);
  CHECK(hl::test::in_clear(off, "PASS " + kPassword));
  CHECK(titles(run(hl::make_ftp_dialogue, protocol_config("ftp", 21, hl::PortMode::plaintext))) == clear);

  auto implicit = run(hl::make_ftp_dialogue, protocol_config("ftp", 990, hl::PortMode::implicit_tls));
  CHECK(titles(implicit) == Titles{"TLS", "S:220 (greeting)", "C:PBSZ 0", "S:200 (PBSZ)", "C:PROT P", "S:200 (PROT)",
                                   "C:USER", "S:331 (password please)", "C:PASS", "S:230 (logged in)", "C:QUIT",
                                   "S:221 (bye)"});
}

TEST_CASE("FTP server refuses PBSZ before TLS and AUTH on implicit FTPS") {
  hl::Dialogue plain = hl::make_ftp_dialogue(protocol_config("ftp", 21, hl::PortMode::plaintext));
  plain.server->take_output();
  std::string input = "PBSZ 0\r\nAUTH TLS\r\n";
  plain.server->receive({reinterpret_cast<const std::uint8_t*>(input.data()), input.size()});
  auto out = plain.server->take_output();
  REQUIRE(out.size() == 2);
  CHECK(out[0].title == "503 (no TLS)");
  CHECK(out[1].title == "504 (no AUTH)");
  CHECK_FALSE(plain.server->wants_tls());
}
