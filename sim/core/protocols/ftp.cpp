// FTP control-connection client and server state machines (see ftp.hpp).
#include "core/protocols/ftp.hpp"

#include <string>

#include "core/protocols/account.hpp"
#include "core/protocols/line_peer.hpp"

namespace hl {
namespace {

// ---- client -------------------------------------------------------------------------

class FtpClient final : public LinePeer {
 public:
  explicit FtpClient(LineSetup setup) : LinePeer(setup.mode), setup_(std::move(setup)) {}

 private:
  enum class State { greeting, auth, pbsz, prot, user, pass, quit, done };

  std::size_t complete_unit_len(std::string_view inbox) const override { return numeric_reply_len(inbox); }

  void on_unit(std::string_view reply) override {
    int code = reply_code(reply);
    switch (state_) {
      case State::greeting: return code == 220 ? after_greeting() : send_quit();
      case State::auth: return code == 234 ? upgrade() : without_tls();
      case State::pbsz: return code == 200 ? go(State::prot, "PROT P", "PROT P") : send_quit();
      case State::prot: return code == 200 ? send_user() : send_quit();
      case State::user: return code == 331 ? go(State::pass, std::string("PASS ") + account::kPassword, "PASS")
                                           : send_quit();
      case State::pass: return send_quit();
      case State::quit: state_ = State::done; return finish();
      case State::done: return;
    }
  }

  void after_greeting() {
    if (tls_active()) return send_protection();
    if (setup_.client_upgrades) return go(State::auth, "AUTH TLS", "AUTH TLS");
    send_user();
  }

  void upgrade() {
    start_tls();
    send_protection();
  }

  // AUTH TLS was refused: a client that requires TLS quits; an opportunistic one logs in in the clear.
  void without_tls() {
    if (!setup_.require_tls) return send_user();
    refuse_without_tls("The client requires TLS and the server refused AUTH TLS, so it quits before sending its "
                       "password.");
    send_quit();
  }

  void send_protection() { go(State::pbsz, "PBSZ 0", "PBSZ 0"); }
  void send_user() { go(State::user, std::string("USER ") + account::kUser, "USER"); }
  void send_quit() { go(State::quit, "QUIT", "QUIT"); }

  void go(State next, const std::string& line, const char* title) {
    state_ = next;
    send_line(line, title);
  }

  LineSetup setup_;
  State state_ = State::greeting;
};

// ---- server -------------------------------------------------------------------------

class FtpServer final : public LinePeer {
 public:
  explicit FtpServer(LineSetup setup) : LinePeer(setup.mode, setup.server_keeps_buffer), setup_(std::move(setup)) {
    send_line("220 " + setup_.server_host + " FTP server ready", "220 (greeting)");
  }

 private:
  using Handler = void (FtpServer::*)(const std::string& argument);
  struct Command {
    const char* verb;
    Handler handle;
  };

  void on_unit(std::string_view line) override {
    static constexpr Command kCommands[] = {
        {"AUTH", &FtpServer::on_auth}, {"PBSZ", &FtpServer::on_pbsz}, {"PROT", &FtpServer::on_prot},
        {"USER", &FtpServer::on_user}, {"PASS", &FtpServer::on_pass}, {"QUIT", &FtpServer::on_quit},
    };
    std::string verb = command_verb(line);
    const Command* command = find_command(kCommands, verb);
    if (!command) return send_line("502 Command not implemented", "502 (unknown)");
    (this->*command->handle)(command_argument(line));
  }

  void on_auth(const std::string& argument) {
    bool offered = setup_.mode == PortMode::starttls && !tls_active();
    if (!offered || (argument != "TLS" && argument != "SSL"))
      return send_line("504 Security mechanism not understood", "504 (no AUTH)");
    send_line("234 AUTH TLS successful", "234 (begin TLS)");
    start_tls();
  }

  // RFC 4217 §8: PBSZ is only valid after the security data exchange; TLS needs size 0.
  void on_pbsz(const std::string&) {
    if (!tls_active()) return send_line("503 PBSZ needs a secure connection first", "503 (no TLS)");
    send_line("200 PBSZ=0", "200 (PBSZ)");
  }

  void on_prot(const std::string& argument) {
    if (!tls_active()) return send_line("503 PROT needs a secure connection first", "503 (no TLS)");
    if (argument != "P" && argument != "C") return send_line("504 Protection level not supported", "504 (PROT)");
    send_line("200 Protection level set to " + argument, "200 (PROT)");
  }

  void on_user(const std::string& argument) {
    user_ = argument;
    send_line("331 Password required for " + argument, "331 (password please)");
  }

  void on_pass(const std::string& argument) {
    if (user_ != account::kUser || argument != account::kPassword)
      return send_line("530 Login incorrect", "530 (login incorrect)");
    send_line("230 User " + user_ + " logged in", "230 (logged in)");
  }

  void on_quit(const std::string&) {
    send_line("221 Goodbye", "221 (bye)");
    finish();
  }

  LineSetup setup_;
  std::string user_;
};

}  // namespace

Dialogue make_ftp_dialogue(const PeerConfig& config) {
  LineSetup setup = line_setup(config, "ftp.example.com");
  return {std::make_unique<FtpClient>(setup), std::make_unique<FtpServer>(setup)};
}

}  // namespace hl
