// The transcript: everything one scenario run put on the wire and did, in order.
// Produced by the engine, read by the decoder, the views and the exporters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/model/handshake_type.hpp"

namespace hl {

/// Raw bytes as they went on the wire.
using Bytes = std::vector<std::uint8_t>;

/// Who a step came from or goes to: the two endpoints, or Mallory when she terminates TLS
/// herself (attack=mitm: two connections that meet at her).
enum class Side : std::uint8_t { client, server, attacker };

/// What a step is: a TLS record, a cleartext application-protocol line, or an endpoint event.
enum class StepKind : std::uint8_t { record, app_line, event };

/// What kind of endpoint event (only meaningful when kind == StepKind::event).
enum class EventKind : std::uint8_t {
  none,
  state,           // handshake state machine moved (info callback)
  verify,          // one certificate-chain check at one depth (verify callback)
  secret,          // a secret was derived (keylog callback)
  alert_sent,      // this side sent an alert
  alert_received,  // this side received an alert
  negotiated,      // the agreed version, suite, group, signature scheme, ALPN
  handshake_done,  // this side finished the handshake
  failure,         // the run stopped: why, in one sentence
  note,            // anything else worth telling the learner
};

/// One certificate-chain check, as reported by the verify callback.
struct VerifyResult {
  int depth = 0;            // 0 = leaf
  std::string subject;      // one-line subject name
  bool ok = false;          // preverify_ok after the check
  int error = 0;            // X509_V_ERR_* code, 0 when ok
  std::string error_text;   // X509_verify_cert_error_string(error)
  std::string error_name;   // OpenSSL's symbol, "X509_V_ERR_HOSTNAME_MISMATCH"; "X509_V_OK" when ok
};

/// One thing an endpoint did that put nothing on the wire. An event step holds one or more
/// of them (consecutive events of one side, grouped); a record step may hold the sender's
/// state events from just before it.
struct EventPart {
  EventKind kind = EventKind::none;
  std::string title;        // "verify depth 0", "SERVER_HANDSHAKE_TRAFFIC_SECRET"
  std::string detail;       // one or two plain sentences for a person
  VerifyResult verify;      // filled for EventKind::verify
  std::string keylog_line;  // filled for EventKind::secret: the NSS key log line
};

/// One step of a run. Its identity is typed (kind, from, content_type, messages, app_unit,
/// protection, event); the title is for display only and nothing should match on it.
struct Step {
  StepKind kind = StepKind::event;
  Side from = Side::client;
  Side to = Side::server;   // the other side for records and app lines; the same side for events
  int connection = 1;       // which connection of the run (numbered from 1; Mallory's link to the server is 2)
  std::string title;        // display only: "ClientHello", "Certificate", "EHLO", "Client checks the certificate chain"
  Bytes bytes;              // exactly what went on the wire (record header included); empty for events

  // App lines, and records that carry application data.
  std::string protocol;       // "smtp", "imap", "pop3", "ftp", "ldap", "http"
  std::string app_unit;       // the protocol's name for the unit, its verb or reply code: "EHLO", "220 (greeting)"
  bool by_attacker = false;   // Mallory put it on the wire without the connection's keys (injected, or a held
                              // record let go late): no endpoint's transcript or sequence number counts it

  // Records only.
  std::uint8_t content_type = 0;        // outer record ContentType (record_layer.hpp); 0 for app lines and events
  std::vector<HandshakeType> messages;  // handshake messages carried, in order (decrypted ones included)
  TrafficSecret protection = TrafficSecret::none;  // which secret's keys protect it

  // Records only.
  bool is_protected = false;  // payload is encrypted; plaintext holds what it decrypts to
  Bytes plaintext;            // TLS 1.3: TLSInnerPlaintext (content, inner type, zero padding); TLS 1.2: the decrypted fragment
  std::uint8_t inner_type = 0;  // TLS 1.3 inner content type (or the record's type for TLS 1.2)
  std::uint16_t version = 0;  // the TLS version in force when the record was written (0x0303 or 0x0304), 0 if none yet

  // Events only.
  EventKind event = EventKind::none;
  std::string detail;         // one or two plain sentences for a person
  VerifyResult verify;        // filled for EventKind::verify
  std::string keylog_line;    // filled for EventKind::secret: the NSS key log line
  std::vector<EventPart> parts;  // events: every event of the group, in order (one when not grouped)
};

/// True when the step carries a handshake message of this type.
inline bool carries(const Step& step, HandshakeType type) {
  for (HandshakeType message : step.messages)
    if (message == type) return true;
  return false;
}

/// A step's typed identity, enough to find "the same step" in another run of a scenario.
struct StepIdentity {
  StepKind kind = StepKind::event;
  Side from = Side::client;
  Side to = Side::server;               // with Mallory terminating TLS, which of her two connections
  std::uint8_t inner_type = 0;          // records: the real content type
  std::vector<HandshakeType> messages;  // records: the handshake messages carried
  std::string app_unit;                 // app lines, application data: the protocol's unit
  EventKind event = EventKind::none;    // events: the kind that names the group
  bool operator==(const StepIdentity&) const = default;
};

/// The typed identity of a step (its title plays no part).
inline StepIdentity identity_of(const Step& step) {
  return {step.kind, step.from, step.to, step.inner_type, step.messages, step.app_unit, step.event};
}

/// What the two sides agreed on (empty strings where the run never got that far).
struct Negotiated {
  std::string version;     // "TLSv1.3"
  std::string cipher;      // IANA name, "TLS_AES_128_GCM_SHA256"
  std::string group;       // "x25519"
  std::string sigalg;      // "ecdsa_secp256r1_sha256"
  std::string alpn;        // "http/1.1"
  bool resumed = false;
  std::string client_certificate;  // mutual TLS: the subject of the client's certificate the server holds; "" when none
  std::string ocsp_status = "none";  // the client's verdict on a stapled OCSP response: good, revoked, unknown,
                                     // expired, invalid, or none (nothing stapled or checked)
  std::string early_data = "none";   // 0-RTT: accepted, rejected, or none (the client sent none)
};

/// One line of what the attacker read or changed, tied to the step it happened at.
struct AttackerNote {
  std::size_t step = 0;  // step number, from 1
  std::string text;
};

/// What Mallory, the attacker in the middle, did in a run (present only when she was there).
struct AttackerReport {
  bool present = false;
  std::vector<AttackerNote> read;     // what she could read in the clear
  std::vector<AttackerNote> changed;  // what she altered, dropped or injected
};

/// A private key the engine took from OpenSSL, so the lab can recompute what that side derived.
struct CapturedKey {
  std::string group;    // OpenSSL's name of its group: "X25519", "prime256v1", "ffdhe2048"
  Bytes private_value;  // raw X25519/X448 key, EC scalar or DH exponent, big-endian; empty when not captured
  HandshakeType sent_in = HandshakeType::hello_request;  // the message that carried its public half
  std::string unavailable;  // why OpenSSL did not give it at that message, when empty
};

/// The keys behind one connection's key exchange, as far as OpenSSL shows them.
struct KeyCapture {
  int connection = 1;  // the connection whose two endpoints gave them
  CapturedKey client;  // the client's ephemeral key share (TLS 1.3 ClientHello); OpenSSL never keeps its TLS 1.2 one
  CapturedKey server;  // the server's ephemeral key (TLS 1.3 ServerHello, TLS 1.2 ServerKeyExchange)
  Bytes server_rsa_der;  // TLS 1.2 RSA key exchange only: the lab's own server key (PKCS #8), to open the premaster
};

/// Where a transcript read from a capture file came from. A capture holds only what crossed
/// the wire, so such a transcript has no endpoint events and no captured keys.
struct CaptureOrigin {
  std::string file;                   // the capture's path as given
  std::size_t stream = 0;             // its TCP connection in the file, numbered from 1
  std::string client, server;         // "192.0.2.2:49152", "[::1]:443"
  bool keys = false;                  // a key log line for this connection was found (--keylog or the file's DSB)
  std::vector<std::string> warnings;  // what reassembly or decoding could not do, and where it stopped
};

/// A whole run.
struct Transcript {
  std::vector<Step> steps;
  Negotiated negotiated;
  std::vector<std::string> keylog;  // every NSS key log line, in order
  bool handshake_complete = false;  // both sides finished the handshake
  std::string failure;              // empty on success; else why the run stopped
  bool rejected = false;            // the scenario's settings were refused before anything went on the wire
  std::uint64_t serial = 0;         // unique per run_scenario() call in this process (never 0 there): cache keys, unlike addresses, are never reused
  AttackerReport attacker;          // empty unless the scenario has an attack
  KeyCapture keys;                  // connection 1's ephemeral private keys and, for RSA key exchange, the server's key
  std::vector<KeyCapture> later_keys;  // the same for each later connection whose endpoints gave keys (a man in the middle's connection 2)
  std::optional<CaptureOrigin> capture;  // set when read from a capture file rather than run by the engine
};

/// "client", "server" or "attacker" (the JSON spelling).
inline const char* side_name(Side side) {
  static const char* const names[] = {"client", "server", "attacker"};
  return names[static_cast<int>(side)];
}

/// The TLS role the sender plays on the step's connection: `from`, except for Mallory, who is
/// the server toward the client and the client toward the server. Never Side::attacker, so
/// it can index per-direction state (handshake streams, keys).
inline Side sender_role(const Step& step) {
  if (step.from != Side::attacker) return step.from;
  return step.to == Side::client ? Side::server : Side::client;
}

/// True when both steps come from the same endpoint: the same side on the same connection.
inline bool same_sender(const Step& a, const Step& b) { return a.from == b.from && a.connection == b.connection; }

/// "record", "app-line" or "event" (the JSON spelling).
inline const char* step_kind_name(StepKind kind) {
  static const char* const names[] = {"record", "app-line", "event"};
  return names[static_cast<int>(kind)];
}

}  // namespace hl
