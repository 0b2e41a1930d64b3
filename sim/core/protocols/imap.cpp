// IMAP client and server state machines (see imap.hpp).
#include "core/protocols/imap.hpp"

#include <string>
#include <vector>

#include "core/protocols/account.hpp"
#include "core/protocols/line_peer.hpp"

namespace hl {
namespace {

// Splits an IMAP command's arguments into atoms and "quoted strings" (no escapes needed here).
std::vector<std::string> imap_words(std::string_view line) {
  std::vector<std::string> words;
  std::size_t i = 0;
  while (i < line.size() && line[i] != '\r') {
    if (line[i] == ' ') { ++i; continue; }
    bool quoted = line[i] == '"';
    std::size_t start = quoted ? i + 1 : i;
    std::size_t end = quoted ? line.find('"', start) : line.find_first_of(" \r", start);
    if (end == std::string_view::npos) end = line.size();
    words.emplace_back(line.substr(start, end - start));
    i = quoted ? end + 1 : end;
  }
  return words;
}

// ---- client -------------------------------------------------------------------------

class ImapClient final : public LinePeer {
 public:
  explicit ImapClient(LineSetup setup) : LinePeer(setup.mode), setup_(std::move(setup)) {}

 private:
  enum class State { greeting, capability, starttls, login, select, logout, done };

  // The greeting is one untagged line; every other reply ends with the line tagged like our command.
  std::size_t complete_unit_len(std::string_view inbox) const override {
    if (state_ == State::greeting) return line_len(inbox);
    std::string tagged = tag_ + " ";
    for (std::size_t start = 0, len = line_len(inbox); len > 0; len = line_len(inbox.substr(start))) {
      bool is_tagged = inbox.substr(start).starts_with(tagged);
      start += len;
      if (is_tagged) return start;
    }
    return 0;
  }

  void on_unit(std::string_view reply) override {
    bool ok = reply.find("\r\n" + tag_ + " OK") != std::string_view::npos || reply.starts_with(tag_ + " OK");
    switch (state_) {
      case State::greeting: return send_capability();
      case State::capability: return after_capability(reply);
      case State::starttls: return ok ? upgrade() : without_tls("the server refused STARTTLS");
      // A refused LOGIN (LOGINDISABLED before TLS) ends the session: the password already crossed.
      case State::login: return ok ? command(State::select, "SELECT INBOX", "SELECT") : send_logout();
      case State::select: return send_logout();
      case State::logout: state_ = State::done; return finish();
      case State::done: return;
    }
  }

  void send_capability() { command(State::capability, "CAPABILITY", "CAPABILITY"); }

  void after_capability(std::string_view reply) {
    bool offered = reply.find(" STARTTLS") != std::string_view::npos;
    if (!tls_active() && setup_.client_upgrades && offered) return command(State::starttls, "STARTTLS", "STARTTLS");
    if (!tls_active() && setup_.client_upgrades) return without_tls("the capabilities offer no STARTTLS");
    send_login();
  }

  // The upgrade is missing or failed: a client that requires TLS logs out; an opportunistic one logs in in the clear.
  void without_tls(const std::string& why) {
    if (!setup_.require_tls) return send_login();
    refuse_without_tls("The client requires TLS and " + why + ", so it logs out before sending its password.");
    send_logout();
  }

  void send_login() {
    // With starttls=off the client logs in regardless of LOGINDISABLED: a client configured for
    // "no encryption" that does not honour the capability. The server will refuse, but only after
    // the password has crossed the wire, which is what an eavesdropper needs.
    std::string login = std::string("LOGIN ") + account::kUser + " \"" + account::kPassword + "\"";
    command(State::login, login, "LOGIN");
  }

  // RFC 3501 §6.2.1: after STARTTLS the client discards the capabilities it learnt in the clear.
  void upgrade() {
    start_tls();
    send_capability();
  }

  void send_logout() { command(State::logout, "LOGOUT", "LOGOUT"); }

  void command(State next, const std::string& text, const std::string& verb) {
    state_ = next;
    tag_ = "a" + std::to_string(++num_commands_);
    send_line(tag_ + " " + text, tag_ + " " + verb);
  }

  LineSetup setup_;
  State state_ = State::greeting;
  int num_commands_ = 0;
  std::string tag_;
};

// ---- server -------------------------------------------------------------------------

class ImapServer final : public LinePeer {
 public:
  explicit ImapServer(LineSetup setup) : LinePeer(setup.mode, setup.server_keeps_buffer), setup_(std::move(setup)) {
    send_line("* OK " + setup_.server_host + " IMAP4rev1 ready", "* OK (greeting)");
  }

 private:
  using Handler = void (ImapServer::*)(const std::string& tag, const std::vector<std::string>& args);
  struct Command {
    const char* verb;
    Handler handle;
  };

  void on_unit(std::string_view line) override {
    static constexpr Command kCommands[] = {
        {"CAPABILITY", &ImapServer::on_capability}, {"STARTTLS", &ImapServer::on_starttls},
        {"LOGIN", &ImapServer::on_login},           {"SELECT", &ImapServer::on_select},
        {"LOGOUT", &ImapServer::on_logout},
    };
    std::vector<std::string> words = imap_words(line);
    if (words.size() < 2) return send_line("* BAD missing tag or command", "* BAD");
    std::string verb = command_verb(words[1]);
    const Command* command = find_command(kCommands, verb);
    if (!command) return reply(words[0], "BAD unknown command", "BAD");
    (this->*command->handle)(words[0], std::vector<std::string>(words.begin() + 2, words.end()));
  }

  bool offers_starttls() const { return setup_.mode == PortMode::starttls && !tls_active(); }
  // RFC 2595 §3.2: a server that requires TLS advertises LOGINDISABLED and refuses LOGIN in the clear.
  bool login_disabled() const { return offers_starttls(); }

  std::string capabilities() const {
    if (offers_starttls()) return "IMAP4rev1 STARTTLS LOGINDISABLED";
    return "IMAP4rev1 AUTH=PLAIN";
  }

  void on_capability(const std::string& tag, const std::vector<std::string>&) {
    send_raw("* CAPABILITY " + capabilities() + "\r\n" + tag + " OK CAPABILITY completed\r\n",
             tag + " OK (CAPABILITY)");
  }

  void on_starttls(const std::string& tag, const std::vector<std::string>&) {
    if (!offers_starttls()) return reply(tag, "BAD STARTTLS not available", "BAD");
    reply(tag, "OK Begin TLS negotiation now", "OK (STARTTLS)");
    start_tls();
  }

  void on_login(const std::string& tag, const std::vector<std::string>& args) {
    if (login_disabled())
      return reply(tag, "NO [PRIVACYREQUIRED] LOGIN is disabled before STARTTLS", "NO (LOGIN disabled)");
    bool ok = args.size() == 2 && args[0] == account::kUser && args[1] == account::kPassword;
    if (!ok) return reply(tag, "NO [AUTHENTICATIONFAILED] Invalid credentials", "NO (LOGIN failed)");
    logged_in_ = true;
    reply(tag, "OK LOGIN completed", "OK (LOGIN)");
  }

  void on_select(const std::string& tag, const std::vector<std::string>&) {
    if (!logged_in_) return reply(tag, "BAD not logged in", "BAD");
    send_raw("* 2 EXISTS\r\n* 0 RECENT\r\n* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
             "* OK [UIDVALIDITY 1790000000] UIDs valid\r\n" + tag + " OK [READ-WRITE] SELECT completed\r\n",
             tag + " OK (SELECT)");
  }

  void on_logout(const std::string& tag, const std::vector<std::string>&) {
    send_raw("* BYE " + setup_.server_host + " logging out\r\n" + tag + " OK LOGOUT completed\r\n",
             tag + " OK (LOGOUT)");
    finish();
  }

  void reply(const std::string& tag, const std::string& text, const std::string& title) {
    send_line(tag + " " + text, tag + " " + title);
  }

  LineSetup setup_;
  bool logged_in_ = false;
};

}  // namespace

Dialogue make_imap_dialogue(const PeerConfig& config) {
  LineSetup setup = line_setup(config, "mail.example.com");
  return {std::make_unique<ImapClient>(setup), std::make_unique<ImapServer>(setup)};
}

}  // namespace hl
