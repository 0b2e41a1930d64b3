// The ladder: client and server as two lifelines, one arrow per record with its title and
// size, a lock on protected records, endpoint events as notes on their side. The current
// step is highlighted; a click jumps to a step. Faint rules group the steps into the flights
// of the run's handshake flow (core/model/flows.hpp); a message no flow expects is in red.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "app/views/view.hpp"

namespace hl::app {

class LadderView : public View {
 public:
  LadderView() : View("Ladder", Slot::ladder, true) {}

 protected:
  void drawContent(ViewContext& context) override;

 private:
  std::optional<std::uint64_t> followed_run_;    // Transcript::serial; scroll to the current step when run or cursor moves
  std::size_t followed_position_ = static_cast<std::size_t>(-1);
};

}  // namespace hl::app
