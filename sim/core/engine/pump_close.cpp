// How a connection ends (close=notify|cut): close_notify answered by close_notify (RFC 8446 §6.1,
// RFC 5246 §7.2.1), or a TCP stream that simply stops, which the receiver's OpenSSL reports as an
// unexpected EOF. Each run either way once the application dialogue on both sides is over.
#include <array>
#include <string_view>

#include "core/engine/pump.hpp"

namespace hl {
namespace {

// Who ends the connection once the dialogue is over, and why, as each protocol has it.
struct Closer {
  std::string_view protocol;
  Side side;
  const char* why;
};

constexpr Closer kClosers[] = {
    {"http", Side::client,
     "HTTP/1.1 keeps a connection open after a response (persistent connections, RFC 9112 §9.3); the client, done "
     "with its one request, closes it, as curl does"},
    {"smtp", Side::server, "after its 221 reply to QUIT the server closes (RFC 5321 §4.1.1.10)"},
    {"imap", Side::server, "after BYE and the tagged OK to LOGOUT the server closes (RFC 9051 §6.1.3)"},
    {"pop3", Side::server, "after its +OK to QUIT the server closes (RFC 1939 §6)"},
    {"ftp", Side::server, "after its 221 reply to QUIT the server closes the control connection (RFC 959 §4.1.1)"},
    {"ldap", Side::client, "an unbind request has no response: the client closes right after it (RFC 4511 §4.3)"},
};

const Closer& closer_for(std::string_view protocol) {
  static constexpr Closer kDefault{"", Side::client, "the client has what it came for and closes"};
  for (const Closer& closer : kClosers)
    if (closer.protocol == protocol) return closer;
  return kDefault;
}

const char* subject(Side party) {
  static const char* const subjects[] = {"The client", "The server", "Mallory"};
  return subjects[static_cast<int>(party)];
}

std::string lower(Side party) {
  static const char* const names[] = {"the client", "the server", "Mallory"};
  return names[static_cast<int>(party)];
}

}  // namespace

// Once both peers have said everything: send close_notify, or cut the stream.
bool Pump::close_connection() {
  if (client_.close == CloseMode::none || close_started_) return false;
  if (!client_.peer->finished() || !server_.peer->finished()) return false;
  close_started_ = true;
  if (client_.close == CloseMode::notify) return send_close_notify(), true;
  cut_stream();
  return true;
}

void Pump::send_close_notify() {
  const Closer& closer = closer_for(protocol_);
  Endpoint& side = closer.side == Side::client ? client_ : server_;
  side.capture.add_event(
      EventKind::note, "sends close_notify",
      std::string(subject(party(side))) + " ends the connection: " + closer.why +
          ". Before it closes its side of TCP it sends a close_notify alert (SSL_shutdown): RFC 8446 §6.1 says each "
          "party MUST send one before closing its write side, so the peer can tell the end of the data from a cut. "
          "It is an alert record, protected like the application data before it.");
  ERR_clear_error();
  if (SSL_shutdown(side.ssl.get()) < 0)
    fail(side, std::string(subject(party(side))) + " could not send close_notify: " + ossl::take_error("OpenSSL refused") + ".");
  drain(side);
  emit(side.capture.take_leading_events());
}

// The peer's close_notify has arrived: answer with one's own (the answerer is then done), or, for
// the side that closed first, note that its close was answered.
void Pump::answer_close(Endpoint& side) {
  if (side.closed || side.close != CloseMode::notify) return;
  const int state = SSL_get_shutdown(side.ssl.get());
  if ((state & SSL_RECEIVED_SHUTDOWN) == 0) return;
  side.closed = true;
  if ((state & SSL_SENT_SHUTDOWN) != 0) {
    side.capture.add_event(EventKind::note, "closed cleanly",
                           std::string(subject(party(side))) + " has its close_notify answered: both sides know that "
                               "nothing was cut off, and each closes its TCP stream (FIN).");
    return;
  }
  side.capture.add_event(EventKind::note, "answers close_notify",
                         std::string(subject(party(side))) + " read close_notify: everything its peer sent has "
                             "arrived whole. It answers with a close_notify of its own and closes its side of TCP. TLS "
                             "1.2 demands that answer at once (RFC 5246 §7.2.1); TLS 1.3 only asks each side to send one "
                             "before closing its write side (RFC 8446 §6.1), which OpenSSL does now: it has nothing more "
                             "to say.");
  ERR_clear_error();
  if (SSL_shutdown(side.ssl.get()) < 0)
    fail(side, std::string(subject(party(side))) + " could not answer close_notify: " + ossl::take_error("OpenSSL refused") + ".");
  drain(side);
}

// close=cut: the stream from the side that sent the last application data ends (a FIN, as when
// an attacker injects one or a process dies) with no close_notify before it. The receiver's
// memory BIO now reports end of stream, as a socket does on FIN, and its next SSL_read says how
// OpenSSL takes that.
void Pump::cut_stream() {
  Endpoint& writer = last_writer_ != nullptr ? *last_writer_ : server_;
  Endpoint& victim = peer_of(writer);
  writer.capture.add_event(EventKind::note, std::string(kStreamCutTitle),
                           "The TCP stream from " + lower(party(writer)) + " ends here (a FIN) with no "
                               "close_notify before it: a crash, a middlebox, or an attacker who injects a FIN looks "
                               "just like this on the wire.");
  emit(writer.capture.take_leading_events());
  writer.closed = true;  // it has closed its socket: whatever still reaches it is never read
  victim.closed = true;
  BIO_set_mem_eof_return(victim.inbox, 0);  // empty now means end of stream
  ERR_clear_error();
  std::array<std::uint8_t, 256> buffer{};
  const int read = SSL_read(victim.ssl.get(), buffer.data(), static_cast<int>(buffer.size()));
  const int error = SSL_get_error(victim.ssl.get(), read);
  const std::string reason = ossl::take_error("no error");
  const std::string who = subject(party(victim));
  // OpenSSL 3 treats the EOF as a fatal error and may queue an alert for its peer on the way out.
  const std::string detail =
      who + "'s OpenSSL reports '" + reason + "' (SSL_get_error " + std::to_string(error) +
      "): the stream ended without close_notify, so it cannot tell whether it has everything its peer sent. RFC 8446 §6.1 "
      "obliges each side to send close_notify before closing; without it, data whose end is marked only by the closing "
      "connection (an HTTP/1.0-style response with no Content-Length) may have been cut short by an attacker's FIN "
      "(a truncation attack). Any alert OpenSSL sends on its way out goes to a peer that has closed its socket.";
  victim.capture.add_event(EventKind::failure, "unexpected EOF", detail);
  if (out_.failure.empty()) out_.failure = detail;
  drain(victim);  // the fatal alert OpenSSL sends on the way out, if any, goes on the wire as it is
  emit(victim.capture.take_leading_events());
}

}  // namespace hl
