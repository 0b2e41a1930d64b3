// SMTP client and server state machines (see smtp.hpp for the port roles).
#include "core/protocols/smtp.hpp"

#include <string>
#include <vector>

#include "core/protocols/account.hpp"
#include "core/protocols/line_peer.hpp"

namespace hl {
namespace {

// The common line setup plus who talks to whom.
struct SmtpSetup : LineSetup {
  bool relay = false;  // port 25: one MTA handing mail to another, no AUTH
  std::string client_host;
};

SmtpSetup smtp_setup(const PeerConfig& config) {
  bool relay = config.port == 25;
  return {line_setup(config, "mail.example.com"), relay, relay ? "relay.example.net" : "alice-laptop.example.net"};
}

const char* const kRecipient = "bob@example.org";

// An RFC 5322 message (Date and From are required) with the dot terminator of DATA.
std::string message_text() {
  return std::string("Date: Mon, 21 Sep 2026 14:13:20 +0000\r\n") +
         "From: Alice <" + account::kMailbox + ">\r\n" +
         "To: Bob <" + kRecipient + ">\r\n"
         "Message-ID: <20260921141320.4Xk2Lm@example.com>\r\n"
         "Subject: Quarterly numbers\r\n"
         "\r\n"
         "Hi Bob, the numbers are in. Keep them to yourself until Friday.\r\n"
         ".\r\n";
}

// ---- client -------------------------------------------------------------------------

class SmtpClient final : public LinePeer {
 public:
  explicit SmtpClient(SmtpSetup setup) : LinePeer(setup.mode), setup_(std::move(setup)) {}

 private:
  enum class State { greeting, ehlo, starttls, auth, mail_from, rcpt_to, data, message, quit, done };

  std::size_t complete_unit_len(std::string_view inbox) const override { return numeric_reply_len(inbox); }

  void on_unit(std::string_view reply) override {
    int code = reply_code(reply);
    switch (state_) {
      case State::greeting: return code == 220 ? send_ehlo() : send_quit();
      case State::ehlo: return code == 250 ? after_ehlo(reply) : send_quit();
      case State::starttls: return code == 220 ? upgrade() : without_tls("the server refused STARTTLS");
      // A refused AUTH (530 before STARTTLS) ends the session: the password has already crossed.
      case State::auth: return code == 235 ? send_mail_from() : send_quit();
      case State::mail_from: return code == 250 ? send_rcpt_to() : send_quit();
      case State::rcpt_to: return code == 250 ? send_data() : send_quit();
      case State::data: return code == 354 ? send_message() : send_quit();
      case State::message: return send_quit();
      case State::quit: state_ = State::done; return finish();
      case State::done: return;
    }
  }

  void send_ehlo() { go(State::ehlo, "EHLO " + setup_.client_host, "EHLO"); }

  void after_ehlo(std::string_view reply) {
    bool offered = reply.find("STARTTLS") != std::string_view::npos;
    if (!tls_active() && setup_.client_upgrades && offered) return go(State::starttls, "STARTTLS", "STARTTLS");
    if (!tls_active() && setup_.client_upgrades) return without_tls("the EHLO reply offers no STARTTLS");
    log_in_or_relay();
  }

  // The upgrade is missing or failed: a client that requires TLS quits; an opportunistic one goes on in the clear.
  void without_tls(const std::string& why) {
    if (!setup_.require_tls) return log_in_or_relay();
    refuse_without_tls("The client requires TLS and " + why + ", so it quits before sending " +
                       (setup_.relay ? "the mail." : "its password."));
    send_quit();
  }

  void log_in_or_relay() {
    // A relay just hands the mail over. A submission client is configured to log in, and a
    // careless one (starttls=off) sends AUTH even though the server did not offer it.
    if (setup_.relay) return send_mail_from();
    std::string blob = base64_encode(std::string("\0", 1) + account::kUser + '\0' + account::kPassword);
    go(State::auth, "AUTH PLAIN " + blob, "AUTH PLAIN");
  }

  // RFC 3207 §4.2: after TLS the client forgets what it learnt and says EHLO again.
  void upgrade() {
    start_tls();
    send_ehlo();
  }

  void send_mail_from() { go(State::mail_from, std::string("MAIL FROM:<") + account::kMailbox + ">", "MAIL FROM"); }
  void send_rcpt_to() { go(State::rcpt_to, std::string("RCPT TO:<") + kRecipient + ">", "RCPT TO"); }
  void send_data() { go(State::data, "DATA", "DATA"); }
  void send_message() {
    state_ = State::message;
    send_raw(message_text(), "message");
  }
  void send_quit() { go(State::quit, "QUIT", "QUIT"); }

  void go(State next, const std::string& line, const char* title) {
    state_ = next;
    send_line(line, title);
  }

  SmtpSetup setup_;
  State state_ = State::greeting;
};

// ---- server -------------------------------------------------------------------------

class SmtpServer final : public LinePeer {
 public:
  explicit SmtpServer(SmtpSetup setup) : LinePeer(setup.mode, setup.server_keeps_buffer), setup_(std::move(setup)) {
    // The server speaks first; on implicit TLS the engine sends this inside TLS.
    send_line("220 " + setup_.server_host + " ESMTP ready", "220 (greeting)");
  }

 private:
  using Handler = void (SmtpServer::*)(std::string_view line);
  struct Command {
    const char* verb;
    Handler handle;
  };

  std::size_t complete_unit_len(std::string_view inbox) const override {
    return in_data_ ? dot_block_len(inbox) : line_len(inbox);
  }

  void on_unit(std::string_view unit) override {
    if (in_data_) return on_message();
    static constexpr Command kCommands[] = {
        {"EHLO", &SmtpServer::on_ehlo}, {"STARTTLS", &SmtpServer::on_starttls}, {"AUTH", &SmtpServer::on_auth},
        {"MAIL", &SmtpServer::on_mail}, {"RCPT", &SmtpServer::on_rcpt},         {"DATA", &SmtpServer::on_data},
        {"RSET", &SmtpServer::on_rset}, {"QUIT", &SmtpServer::on_quit},
    };
    std::string verb = command_verb(unit);
    const Command* command = find_command(kCommands, verb);
    if (!command) return send_line("502 5.5.2 Command not recognized", "502 (unknown)");
    (this->*command->handle)(unit);
  }

  bool offers_starttls() const { return setup_.mode == PortMode::starttls && !tls_active(); }
  // RFC 3207 §6 / RFC 4954 §4: a submission server does not offer AUTH PLAIN before TLS.
  bool offers_auth() const { return !setup_.relay && (tls_active() || setup_.mode == PortMode::plaintext); }

  void on_ehlo(std::string_view line) {
    std::vector<std::string> lines = {setup_.server_host + " greets " + command_argument(line), "SIZE 36700160"};
    if (offers_starttls()) lines.push_back("STARTTLS");
    if (offers_auth()) lines.push_back("AUTH PLAIN LOGIN");
    lines.push_back("ENHANCEDSTATUSCODES");
    lines.push_back("8BITMIME");
    std::string reply;
    for (std::size_t i = 0; i < lines.size(); ++i) reply += (i + 1 < lines.size() ? "250-" : "250 ") + lines[i] + "\r\n";
    send_raw(reply, offers_starttls() ? "250-STARTTLS" : "250 (EHLO reply)");
  }

  void on_starttls(std::string_view) {
    if (!offers_starttls()) return send_line("503 5.5.1 TLS already active or not offered", "503 (no STARTTLS)");
    send_line("220 2.0.0 Ready to start TLS", "220 (ready for TLS)");
    start_tls();
  }

  void on_auth(std::string_view line) {
    if (setup_.relay) return send_line("503 5.5.1 AUTH not offered on relay", "503 (no AUTH)");
    if (!offers_auth()) return send_line("530 5.7.0 Must issue a STARTTLS command first", "530 (STARTTLS first)");
    authenticated_ = plain_credentials_ok(command_argument(line));
    if (!authenticated_) return send_line("535 5.7.8 Authentication credentials invalid", "535 (bad credentials)");
    send_line("235 2.7.0 Authentication successful", "235 (authenticated)");
  }

  // "PLAIN <base64 of authzid NUL authcid NUL passwd>" (RFC 4616).
  static bool plain_credentials_ok(const std::string& argument) {
    if (command_verb(argument) != "PLAIN") return false;
    std::string decoded;
    if (!base64_decode(command_argument(argument), decoded)) return false;
    return decoded == std::string("\0", 1) + account::kUser + '\0' + account::kPassword;
  }

  void on_mail(std::string_view) {
    if (!setup_.relay && !authenticated_) return send_line("530 5.7.0 Authentication required", "530 (log in first)");
    send_line("250 2.1.0 Sender ok", "250 (sender ok)");
  }
  void on_rcpt(std::string_view) { send_line("250 2.1.5 Recipient ok", "250 (recipient ok)"); }
  void on_data(std::string_view) {
    in_data_ = true;
    send_line("354 End data with <CR><LF>.<CR><LF>", "354 (send message)");
  }
  void on_message() {
    in_data_ = false;
    send_line("250 2.0.0 Ok: queued as 4Xk2Lm", "250 (queued)");
  }
  // RFC 5321 §4.1.1.5: abort the mail transaction; the session (and a login) stays.
  void on_rset(std::string_view) { send_line("250 2.0.0 Reset state", "250 (reset)"); }
  void on_quit(std::string_view) {
    send_line("221 2.0.0 Bye", "221 (bye)");
    finish();
  }

  SmtpSetup setup_;
  bool authenticated_ = false;
  bool in_data_ = false;
};

}  // namespace

Dialogue make_smtp_dialogue(const PeerConfig& config) {
  SmtpSetup setup = smtp_setup(config);
  return {std::make_unique<SmtpClient>(setup), std::make_unique<SmtpServer>(setup)};
}

}  // namespace hl
