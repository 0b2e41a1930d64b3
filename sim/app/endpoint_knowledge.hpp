// What each endpoint knows after a given step: the agreed parameters, the secrets derived
// so far, the certificate checks and alerts. Computed when the cursor moves, not per frame.
// Pure logic, no ImGui.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/model/transcript.hpp"

namespace hl::app {

struct SideKnowledge {
  std::string version;  // empty until this side knows it
  std::string cipher;
  std::string group;
  std::string sigalg;
  std::string alpn;
  std::vector<std::string> secrets;   // key log labels in derivation order: "CLIENT_HANDSHAKE_TRAFFIC_SECRET"
  std::vector<VerifyResult> checks;   // certificate-chain checks this side made
  std::vector<std::string> alerts;    // "sent: ..." / "received: ..."
  bool handshake_done = false;
  std::string failure;                // why the run stopped, when it did on this side
};

struct Knowledge {
  SideKnowledge client;
  SideKnowledge server;
  /// The client's or the server's half.
  SideKnowledge& of(Side side) { return side == Side::client ? client : server; }
  const SideKnowledge& of(Side side) const { return side == Side::client ? client : server; }
};

/// What each side knows once steps 0..step_index (inclusive) have happened, in the connection it is
/// in by then (a resumed connection's pane lists its own secrets, not the first connection's too).
Knowledge knowledge_after(const Transcript& transcript, std::size_t step_index);

/// The label of an NSS key log line ("CLIENT_RANDOM", "SERVER_TRAFFIC_SECRET_0").
std::string keylog_label(const std::string& keylog_line);

}  // namespace hl::app
