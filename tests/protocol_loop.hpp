// Test helper: joins a client and a server peer directly, without TLS, and records every
// unit in order. "TLS" marks the point where both peers asked for the handshake; the
// loop then carries on as if it had happened, so the dialogue inside TLS is visible too.
#pragma once

#include <string>
#include <vector>

#include "core/protocols/peer.hpp"

namespace hl::test {

/// The peers' configuration for protocol on port in mode (server name mail.example.com), as a lesson would set it.
inline PeerConfig protocol_config(const char* protocol, int port, PortMode mode, bool starttls = true) {
  PeerConfig s;
  s.protocol = protocol;
  s.port = port;
  s.mode = mode;
  s.starttls = starttls;
  s.server_name = "mail.example.com";
  return s;
}

/// One unit as it crossed between the peers.
struct LoggedUnit {
  Side from = Side::client;
  std::string title;  // the unit's title, or "TLS" for the upgrade marker
  std::string text;   // the unit's bytes as text
  bool inside_tls = false;
};

/// Runs the dialogue to its end (or until nobody moves) and returns what crossed.
inline std::vector<LoggedUnit> run_dialogue(Dialogue& dialogue) {
  std::vector<LoggedUnit> log;
  bool tls = false;
  auto check_tls = [&] {
    if (tls || !dialogue.client->wants_tls() || !dialogue.server->wants_tls()) return;
    tls = true;
    log.push_back({Side::client, "TLS", "", true});
  };
  for (int round = 0; round < 100; ++round) {
    bool moved = false;
    for (Side side : {Side::server, Side::client}) {
      ProtocolPeer& from = side == Side::client ? *dialogue.client : *dialogue.server;
      ProtocolPeer& to = side == Side::client ? *dialogue.server : *dialogue.client;
      check_tls();  // the engine must check before every take_output()
      for (AppUnit& unit : from.take_output()) {
        log.push_back({side, unit.title, std::string(unit.bytes.begin(), unit.bytes.end()), tls});
        to.receive(unit.bytes);
        moved = true;
      }
    }
    if (!moved) break;
  }
  return log;
}

/// "S:title" / "C:title" / "TLS" for each logged unit: the shape of a dialogue.
inline std::vector<std::string> titles(const std::vector<LoggedUnit>& log) {
  std::vector<std::string> out;
  for (const auto& unit : log)
    out.push_back(unit.title == "TLS" ? "TLS" : std::string(unit.from == Side::client ? "C:" : "S:") + unit.title);
  return out;
}

/// True when some unit sent before TLS (or with no TLS at all) contains needle.
inline bool in_clear(const std::vector<LoggedUnit>& log, const std::string& needle) {
  for (const auto& unit : log)
    if (!unit.inside_tls && unit.text.find(needle) != std::string::npos) return true;
  return false;
}

/// True when some unit, anywhere, contains needle.
inline bool anywhere(const std::vector<LoggedUnit>& log, const std::string& needle) {
  for (const auto& unit : log)
    if (unit.text.find(needle) != std::string::npos) return true;
  return false;
}

}  // namespace hl::test
