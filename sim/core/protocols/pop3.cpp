// POP3 client and server state machines (see pop3.hpp).
#include "core/protocols/pop3.hpp"

#include <string>

#include "core/protocols/account.hpp"
#include "core/protocols/line_peer.hpp"

namespace hl {
namespace {

bool positive(std::string_view reply) { return reply.starts_with("+OK"); }

// ---- client -------------------------------------------------------------------------

class Pop3Client final : public LinePeer {
 public:
  explicit Pop3Client(LineSetup setup) : LinePeer(setup.mode), setup_(std::move(setup)) {}

 private:
  enum class State { greeting, capa, stls, user, pass, stat, quit, done };

  // CAPA answers with a dot-terminated list (or a one-line -ERR); everything else is one line.
  std::size_t complete_unit_len(std::string_view inbox) const override {
    if (state_ == State::capa && inbox.starts_with("+OK")) return dot_block_len(inbox);
    return line_len(inbox);
  }

  void on_unit(std::string_view reply) override {
    bool ok = positive(reply);
    switch (state_) {
      case State::greeting: return ok ? send_capa() : send_quit();
      case State::capa: return after_capa(reply);
      case State::stls: return ok ? upgrade() : without_tls("the server refused STLS");
      case State::user: return ok ? go(State::pass, std::string("PASS ") + account::kPassword, "PASS") : send_quit();
      case State::pass: return ok ? go(State::stat, "STAT", "STAT") : send_quit();
      case State::stat: return send_quit();
      case State::quit: state_ = State::done; return finish();
      case State::done: return;
    }
  }

  void send_capa() { go(State::capa, "CAPA", "CAPA"); }

  void after_capa(std::string_view reply) {
    bool offered = reply.find("\r\nSTLS\r\n") != std::string_view::npos;
    if (!tls_active() && setup_.client_upgrades && offered) return go(State::stls, "STLS", "STLS");
    if (!tls_active() && setup_.client_upgrades) return without_tls("the capabilities offer no STLS");
    send_user();
  }

  // The upgrade is missing or failed: a client that requires TLS quits; an opportunistic one logs in in the clear.
  void without_tls(const std::string& why) {
    if (!setup_.require_tls) return send_user();
    refuse_without_tls("The client requires TLS and " + why + ", so it quits before sending its password.");
    send_quit();
  }

  void send_user() { go(State::user, std::string("USER ") + account::kUser, "USER"); }

  // RFC 2595 §4: after STLS the client discards what CAPA said in the clear and SHOULD ask again.
  void upgrade() {
    start_tls();
    send_capa();
  }

  void send_quit() { go(State::quit, "QUIT", "QUIT"); }

  void go(State next, const std::string& line, const char* title) {
    state_ = next;
    send_line(line, title);
  }

  LineSetup setup_;
  State state_ = State::greeting;
};

// ---- server -------------------------------------------------------------------------

class Pop3Server final : public LinePeer {
 public:
  explicit Pop3Server(LineSetup setup) : LinePeer(setup.mode, setup.server_keeps_buffer), setup_(std::move(setup)) {
    send_line("+OK " + setup_.server_host + " POP3 server ready", "+OK (greeting)");
  }

 private:
  using Handler = void (Pop3Server::*)(const std::string& argument);
  struct Command {
    const char* verb;
    Handler handle;
  };

  void on_unit(std::string_view line) override {
    static constexpr Command kCommands[] = {
        {"CAPA", &Pop3Server::on_capa}, {"STLS", &Pop3Server::on_stls}, {"USER", &Pop3Server::on_user},
        {"PASS", &Pop3Server::on_pass}, {"STAT", &Pop3Server::on_stat}, {"QUIT", &Pop3Server::on_quit},
    };
    std::string verb = command_verb(line);
    const Command* command = find_command(kCommands, verb);
    if (!command) return send_line("-ERR unknown command", "-ERR (unknown)");
    (this->*command->handle)(command_argument(line));
  }

  bool offers_stls() const { return setup_.mode == PortMode::starttls && !tls_active(); }

  // RFC 2595 §2.3, RFC 2449 §6.2: before STLS, no plaintext login is offered, which is the
  // standard signal that USER/PASS and SASL PLAIN wait for TLS.
  void on_capa(const std::string&) {
    std::string list = "+OK Capability list follows\r\n";
    if (offers_stls()) list += "STLS\r\n";
    else list += "USER\r\nSASL PLAIN\r\n";
    list += "TOP\r\nUIDL\r\n.\r\n";
    send_raw(list, "+OK (capabilities)");
  }

  void on_stls(const std::string&) {
    if (!offers_stls()) return send_line("-ERR STLS not available", "-ERR (no STLS)");
    send_line("+OK Begin TLS negotiation", "+OK (begin TLS)");
    start_tls();
  }

  void on_user(const std::string& argument) {
    user_ = argument;
    send_line("+OK send PASS", "+OK (user)");
  }

  void on_pass(const std::string& argument) {
    logged_in_ = user_ == account::kUser && argument == account::kPassword;
    if (!logged_in_) return send_line("-ERR [AUTH] invalid login", "-ERR (bad login)");
    send_line("+OK maildrop locked and ready", "+OK (logged in)");
  }

  void on_stat(const std::string&) {
    if (!logged_in_) return send_line("-ERR not logged in", "-ERR (not logged in)");
    send_line("+OK 2 3210", "+OK (STAT)");
  }

  void on_quit(const std::string&) {
    send_line("+OK " + setup_.server_host + " signing off", "+OK (bye)");
    finish();
  }

  LineSetup setup_;
  bool logged_in_ = false;
  std::string user_;
};

}  // namespace

Dialogue make_pop3_dialogue(const PeerConfig& config) {
  LineSetup setup = line_setup(config, "mail.example.com");
  return {std::make_unique<Pop3Client>(setup), std::make_unique<Pop3Server>(setup)};
}

}  // namespace hl
