// attack=replay-early-data (RFC 8446 §8): Mallory records the client's first flight of the
// resumed connection (ClientHello, ChangeCipherSpec, the 0-RTT records) as it passes, unchanged,
// and once that connection is over sends the same bytes to the server again as a new connection.
// She holds no key: she can replay, not read or finish the handshake. What the server does with
// the copy is OpenSSL's own decision (single-use tickets with anti-replay on; none with it off).
#pragma once

#include <memory>
#include <vector>

#include "core/engine/endpoint.hpp"
#include "core/engine/scenario.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// The connection number of Mallory's replay (after the full and the resumed connection).
inline constexpr int kReplayConnection = 3;

/// Keeps a copy of the client's records on `connection` until the server's first record there.
class FlightRecorder {
 public:
  explicit FlightRecorder(int connection) : connection_(connection) {}
  /// Sees a step on its way (the engine's intervention hook); copies what belongs to the flight.
  void see(const Step& step);
  /// The records copied, in wire order.
  const std::vector<Step>& flight() const { return flight_; }

 private:
  int connection_;
  bool closed_ = false;
  std::vector<Step> flight_;
};

/// Sends `flight` to a new server SSL made from `contexts` as connection kReplayConnection, lets
/// the server answer (its records go to Mallory, who cannot answer them), and appends every step
/// to `out`; what Mallory changed and what the server did with the early data go to out_report.
void replay_flight(const Scenario& scenario, const std::shared_ptr<const ContextPair>& contexts,
                   const std::vector<Step>& flight, Transcript& out, AttackerReport& out_report);

}  // namespace hl
