// The eavesdropper pane: only what a passive observer on the network has seen up to the
// current step (hl::eavesdropper_view), secrets marked, and the STARTTLS on/off toggle
// that reruns the lesson so the same dialogue crosses the wire in the clear.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include "app/views/view.hpp"
#include "core/export/eavesdropper.hpp"

namespace hl::app {

class EavesdropperPane : public View {
 public:
  EavesdropperPane() : View("Eavesdropper", Slot::side, false) {}

 protected:
  void drawContent(ViewContext& context) override;

 private:
  void draw_toggle(ViewContext& context);
  void draw_verdict(std::size_t current_index) const;
  void draw_step(const SeenStep& seen, bool current, ViewContext& context);

  // The view of the run on screen, rebuilt only when a new run arrives.
  std::optional<std::uint64_t> view_run_;  // Transcript::serial
  hl::EavesdropperView view_;
  std::size_t scrolled_to_ = static_cast<std::size_t>(-1);  // the step the list last scrolled to
};

}  // namespace hl::app
