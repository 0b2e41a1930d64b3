#include "app/step_notes.hpp"

#include <cctype>

#include <string_view>

#include "core/model/record_layer.hpp"

namespace hl::app {
namespace {

struct MessageNote {
  HandshakeType type;
  std::string_view text;
};

// Keyed by the first handshake message a record carries.
constexpr MessageNote kMessageNotes[] = {
    {HandshakeType::hello_retry_request,
     "The server cannot use any key share the client sent. It names the group it wants and asks the client to "
     "say hello again. It costs one extra round trip."},
    {HandshakeType::client_hello,
     "The client opens the handshake: the versions, cipher suites and groups it supports, a fresh random, the "
     "server name it wants (SNI) and, in TLS 1.3, a key share so keys can be agreed in one round trip."},
    {HandshakeType::server_hello_done, "TLS 1.2: the server has said everything it has to say. Now it is the client's turn."},
    {HandshakeType::server_hello,
     "The server picks one version, one cipher suite and one group from what the client offered, and sends its "
     "own random. In TLS 1.3 its key share lets both sides compute the handshake secret now."},
    {HandshakeType::encrypted_extensions,
     "TLS 1.3: the first encrypted message. The server's answers to extensions that need not be in clear, such "
     "as the application protocol (ALPN)."},
    {HandshakeType::certificate_request, "The server asks the client to prove who it is with a certificate of its own."},
    {HandshakeType::certificate_verify,
     "A signature over the whole handshake so far, made with the certificate's private key. It proves the "
     "sender holds that key, not just a copy of the certificate."},
    {HandshakeType::certificate,
     "The certificate chain: the server's own certificate first, then the intermediate CA that signed it. The "
     "client checks each signature up to a root it trusts, and that the name matches."},
    {HandshakeType::server_key_exchange,
     "TLS 1.2: the server's ephemeral Diffie-Hellman share, signed with its certificate key so nobody in the "
     "middle can swap it."},
    {HandshakeType::client_key_exchange,
     "TLS 1.2: the client's half of the key exchange: its Diffie-Hellman share, or a premaster secret "
     "encrypted to the server's RSA key (no forward secrecy)."},
    {HandshakeType::finished,
     "A MAC over the whole handshake with a key only the two sides know. If anyone changed a single byte on the "
     "way, the Finished check fails and the connection stops."},
    {HandshakeType::new_session_ticket,
     "After the handshake the server hands the client a ticket. With it the client can resume later without a "
     "full handshake."},
    {HandshakeType::key_update, "One side switches to fresh traffic keys derived from the current ones."},
    {HandshakeType::end_of_early_data,
     "0-RTT: the client's last message under its early-data key. It ends the early data the server accepted; "
     "the client's Finished follows under its handshake key."},
};

struct RecordNote {
  std::uint8_t content_type;
  std::string_view text;
};

// Keyed by the real content type of a record that carries no handshake message.
constexpr RecordNote kRecordNotes[] = {
    {record::kChangeCipherSpec,
     "In TLS 1.2 it switches the sender to the new keys. In TLS 1.3 it is a dummy record kept only so "
     "middleboxes do not drop the connection."},
    {record::kAlert, "An alert: a warning, or a fatal error that ends the connection. Its description says why."},
    {record::kApplicationData, "Application data: the protocol's own bytes (an HTTP request, a mail command), encrypted "
                    "with the traffic keys."},
};

std::string_view record_note(const Step& step) {
  if (step.messages.empty() && step.protection == TrafficSecret::client_early)
    return "0-RTT early data: the client's request sent before the handshake is over, under a key from the "
           "ticket's PSK alone. Anyone who records it can send it again: servers take it only for safe requests.";
  for (const auto& row : kMessageNotes)
    if (!step.messages.empty() && step.messages.front() == row.type) return row.text;
  for (const auto& row : kRecordNotes)
    if (step.messages.empty() && step.inner_type == row.content_type) return row.text;
  return "A record on the wire. Its fields are decoded in the field tree; hover one to light its bytes.";
}

const char* const kParties[] = {"Client", "Server", "Mallory"};

// "Client → server", "Mallory → client": who sent it to whom.
std::string direction(const Step& step) {
  std::string to = kParties[static_cast<int>(step.to)];
  if (step.to != Side::attacker) to[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(to[0])));
  return std::string(kParties[static_cast<int>(step.from)]) + " \xe2\x86\x92 " + to;
}

}  // namespace

StepNote step_note(const Step& step) {
  StepNote note;
  note.heading = step.title;
  if (step.kind == StepKind::event) {
    note.heading = std::string(kParties[static_cast<int>(step.from)]) + ": " + step.title;
    note.text = step.detail.empty() ? "Something happened inside this endpoint; nothing went on the wire."
                                    : step.detail;
    return note;
  }
  if (step.kind == StepKind::app_line) {
    note.text = direction(step) + ", in clear text: one line of the " + step.protocol +
                " dialogue before (or without) TLS. Anyone on the path can read it.";
    return note;
  }
  note.text = direction(step) + ". " + std::string(record_note(step));
  if (step.is_protected) note.text += " This record is encrypted: on the wire only its length shows.";
  return note;
}

}  // namespace hl::app
