// The record pane's protection breakdown (issue 9 §3), drawn inside the field tree: for a
// protected record, which secret and sequence number, key, IV, nonce, additional data,
// ciphertext, tag and what is inside the encryption. Clicking a part with bytes selects its
// range in the session, so the hex view lights it (the tag: the record's last bytes).
// Not a view of its own: the field tree owns one and draws it between its two trees.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/protection_parts.hpp"
#include "app/views/view.hpp"

namespace hl::app {

class ProtectionPanel {
 public:
  /// Draws the breakdown of the current step when it is a protected record the lab opened; nothing otherwise.
  void draw(ViewContext& context);
  /// The explanation of the part selected in the session, for the tree's detail area; false when none is.
  bool draw_detail(const ViewContext& context);
  /// The parts of the current step (rebuilt when the step changes); empty when it is not protected.
  const std::vector<ProtectionPart>& parts(const ViewContext& context);

 private:
  std::optional<StepKey> parts_key_;
  std::vector<ProtectionPart> parts_;
  std::string heading_;
  std::string problem_;  // why the lab could not open the record, empty when it did
};

}  // namespace hl::app
