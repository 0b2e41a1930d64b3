// LinePeer: the shared plumbing of the protocol peers (SMTP, IMAP, POP3, FTP, and LDAP with
// BER units): an outbox of units, an inbox that collects bytes until a whole reply or command
// has arrived, and the TLS / finished flags. Subclasses say what a complete unit is and react to it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/protocols/peer.hpp"

namespace hl {

/// What both ends of a text protocol agree on before the first byte.
struct LineSetup {
  PortMode mode = PortMode::starttls;
  bool client_upgrades = true;  // false with starttls=off: the client ignores the server's offer
  std::string server_host;
  bool require_tls = true;           // the client refuses to go on when the upgrade is missing or fails
  bool server_keeps_buffer = false;  // the server's bug: it runs what arrived with STARTTLS inside TLS
};

/// The setup for config: the client upgrades only on a STARTTLS port with starttls on;
/// server_host is config.server_name, or default_host when it has none.
LineSetup line_setup(const PeerConfig& config, std::string_view default_host);

/// The base of the text-protocol peers: outbox, reassembling inbox and the TLS / finished flags.
class LinePeer : public ProtocolPeer {
 public:
  // ProtocolPeer: see peer.hpp.
  std::vector<AppUnit> take_output() override;
  void receive(std::span<const std::uint8_t> bytes) override;
  bool wants_tls() const override { return wants_tls_; }
  bool finished() const override { return finished_; }
  std::vector<PeerNote> take_notes() override;
  std::size_t unit_len(std::string_view pending) const override { return complete_unit_len(pending); }

 protected:
  /// A peer on an implicit-TLS port is in TLS from the start; otherwise it starts in the clear.
  /// Bytes that arrive in the same segment as the upgrade, behind it, are discarded (RFC 3207
  /// §4.2); with keeps_early_bytes (a server's bug, CVE-2011-0411) they are run once TLS is up.
  explicit LinePeer(PortMode mode, bool keeps_early_bytes = false)
      : wants_tls_(mode == PortMode::implicit_tls), keeps_early_bytes_(keeps_early_bytes) {}

  /// Length of the first complete unit at the start of inbox, or 0 while it is incomplete.
  /// The default is one CRLF-terminated line.
  virtual std::size_t complete_unit_len(std::string_view inbox) const;
  /// Reacts to one complete unit (CRLF included).
  virtual void on_unit(std::string_view unit) = 0;

  /// Queues text + CRLF as one unit.
  void send_line(std::string_view text, std::string title);
  /// Queues text exactly as given (it must carry its own line endings).
  void send_raw(std::string text, std::string title);
  /// Queues binary bytes as one unit (LDAP's BER messages).
  void send_bytes(Bytes bytes, std::string title);
  /// From now on this peer expects the TLS handshake (and stays in TLS).
  void start_tls() { wants_tls_ = true; }
  /// True once TLS is on (or about to start) for this connection; never goes back to false.
  bool tls_active() const { return wants_tls_; }
  /// This peer has nothing more to send or wait for.
  void finish() { finished_ = true; }
  /// Records that this client gives up because it requires TLS and did not get it (why, for a person).
  void refuse_without_tls(std::string detail);

 private:
  void on_early_bytes();
  void note(std::string title, std::string detail) { notes_.push_back({false, std::move(title), std::move(detail)}); }

  std::string inbox_;
  std::vector<AppUnit> outbox_;
  std::vector<PeerNote> notes_;
  bool wants_tls_ = false;
  bool finished_ = false;
  bool keeps_early_bytes_ = false;
  std::size_t kept_len_ = 0;  // how much of inbox_ arrived in the clear behind the upgrade and was kept
};

/// Text for a person: CR and LF written as \r and \n, other bytes outside printable ASCII as '.'.
std::string printable(std::string_view bytes);

/// The row of a command table (rows with a `verb` member) whose verb equals verb, or nullptr.
template <typename Row, std::size_t N>
const Row* find_command(const Row (&table)[N], std::string_view verb) {
  for (const Row& row : table)
    if (verb == row.verb) return &row;
  return nullptr;
}

/// Length of the first CRLF-terminated line in text (CRLF included), 0 when there is none.
std::size_t line_len(std::string_view text);

/// Length of a complete SMTP/FTP-style reply ("250-a CRLF 250 b CRLF"): the lines up to and
/// including the first one whose code is followed by a space. 0 while incomplete.
std::size_t numeric_reply_len(std::string_view text);

/// Length up to and including the first line that is exactly "." (a dot-terminated
/// multi-line block, SMTP DATA and POP3 multi-line replies). 0 while incomplete.
std::size_t dot_block_len(std::string_view text);

/// The three-digit code at the start of a reply, or 0 when it does not start with one.
int reply_code(std::string_view reply);

/// The first word of a command line, upper-cased ("ehlo x" -> "EHLO").
std::string command_verb(std::string_view line);

/// The rest of a command line after its first word and one space, CRLF removed.
std::string command_argument(std::string_view line);

/// Base64 of text (for SASL PLAIN), and its inverse; decode returns false on bad input.
std::string base64_encode(std::string_view text);
bool base64_decode(std::string_view text, std::string& out_text);

}  // namespace hl
