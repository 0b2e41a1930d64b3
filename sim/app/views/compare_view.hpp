// The compare view: two runs side by side (TLS 1.2 against 1.3, full against resumed, an
// original run against its "what if" edit). Above, what differs: round trips, bytes per flight,
// what an eavesdropper reads, the messages only one run has. Below, the two ladders with their
// rows aligned by role (hello, server parameters, certificate, ...), one cursor moving both; a
// message only one run has is tinted, a message an eavesdropper reads carries an eye, an
// encrypted one a lock, and the row where the runs part is marked. It reads ViewContext::compare
// and moves its cursor; the App opens and closes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

#include <imgui.h>

#include "app/views/view.hpp"

namespace hl::app {

class CompareView : public View {
 public:
  CompareView() : View("Compare", Slot::compare, true) {}
  bool wide_in_presenter() const override { return true; }

  /// Where the last frame drew each ladder's rows (screen coordinates, the visible part): tests
  /// compare the pixels of the two halves.
  ImVec4 ladder_rect(Half half) const { return half == Half::left ? left_rect_ : right_rect_; }

 protected:
  void drawContent(ViewContext& context) override;

 private:
  std::optional<std::pair<std::uint64_t, std::size_t>> followed_;  // (comparison serial, row) scrolled to
  ImVec4 left_rect_{}, right_rect_{};
};

}  // namespace hl::app
