// Application-protocol endpoints: small real client and server state machines that
// exchange protocol units (an SMTP line, an LDAP BER message) over the engine's pipe,
// in the clear before STARTTLS or inside TLS after it.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/transcript.hpp"
#include "core/protocols/peer_config.hpp"

namespace hl {

/// One unit of the application protocol as it goes on the wire.
struct AppUnit {
  Bytes bytes;        // exactly what is sent, line ending included
  std::string title;  // short step title: "EHLO", "250-STARTTLS", "LDAP StartTLS request"
};

/// Something a peer decided that puts nothing on the wire: bytes it discarded, a refusal.
struct PeerNote {
  bool refusal = false;  // the peer gave up on purpose (a client that requires TLS and did not get it)
  std::string title;     // short: "refuses to continue without TLS"
  std::string detail;    // one or two plain sentences for a person
};

/// One endpoint of an application protocol, driven by the engine's pump.
class ProtocolPeer {
 public:
  virtual ~ProtocolPeer() = default;
  /// Units this peer wants to send now, in order; empty while it waits for the other side.
  virtual std::vector<AppUnit> take_output() = 0;
  /// Delivers bytes that arrived from the other side (one unit at a time).
  virtual void receive(std::span<const std::uint8_t> bytes) = 0;
  /// True once this peer expects the TLS handshake to start on this connection
  /// (after the STARTTLS exchange, or from the start on implicit-TLS ports).
  virtual bool wants_tls() const = 0;
  /// True when this peer has nothing more to send or wait for.
  virtual bool finished() const = 0;
  /// What the peer decided since the last call (see PeerNote), oldest first; each note is taken once.
  virtual std::vector<PeerNote> take_notes() { return {}; }
  /// Length of the first whole unit this peer would act on at the start of `pending` (bytes that
  /// arrived and were not yet delivered), 0 while it is incomplete. Live mode cuts a real peer's
  /// byte stream into steps with it; the default takes everything that arrived as one unit.
  virtual std::size_t unit_len(std::string_view pending) const { return pending.size(); }
};

/// A client and a server peer that talk config.protocol on its port and mode.
struct Dialogue {
  std::unique_ptr<ProtocolPeer> client;
  std::unique_ptr<ProtocolPeer> server;
};

/// Builds the dialogue for config.protocol / port / mode / starttls.
/// Returns empty pointers for an unknown protocol.
Dialogue make_dialogue(const PeerConfig& config);

}  // namespace hl
