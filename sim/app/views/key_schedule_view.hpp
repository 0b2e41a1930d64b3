// The key schedule pane (issue 9 §4): the key exchange, then the schedule drawn as the
// diagram of RFC 8446 §7.1 (or its TLS 1.2 form), every value shortened with the whole one a
// hover, a click or Copy away. The node the current step made is lit; a value whose check
// against the key log or a Finished failed is red; a value the run never reached says so.
// Selecting a node lights the handshake messages its transcript hash covers in the ladder
// (through the session). The diagram is built once per run, never per frame.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/schedule_diagram.hpp"
#include "app/views/view.hpp"

namespace hl::app {

/// What the pane drew in its last frame: the tests read it to check the pane in a real window.
struct DrawnSchedule {
  std::vector<std::string> nodes;  // schedule names, in drawing order
  std::vector<std::string> lit;    // those made at the current step
};

class KeyScheduleView : public View {
 public:
  KeyScheduleView() : View("Key schedule", Slot::tree, true) {}

  bool wide_in_presenter() const override { return true; }

  /// What the last frame drew.
  const DrawnSchedule& drawn() const { return drawn_; }

 protected:
  void drawContent(ViewContext& context) override;

 private:
  void refresh(const Session& session);
  void draw_key_exchange();
  void draw_diagram(ViewContext& context);
  float indent_per_depth() const;  // how far a branch sits right of its parent: less when stacked
  void draw_connectors(const DiagramNode& node, ImVec2 row_start, float mid_y);
  void draw_node_row(ViewContext& context, std::size_t index, bool lit, std::size_t shown_step);
  void draw_detail(const DiagramNode& node);
  void toggle_selection(Session& session, const DiagramNode& node);

  std::shared_ptr<const RunData> run_;    // keeps the crypto the diagram was built from alive
  std::optional<std::uint64_t> built_for_;  // Transcript::serial of the diagram below
  int connection_ = 1;                      // the connection the diagram shows: the current step's
  ScheduleDiagram diagram_;
  std::string selected_;                  // the selected node's name, empty for none
  std::optional<StepKey> scrolled_to_;   // the step whose made nodes were last scrolled into sight
  bool stacked_ = false;                  // values under their titles: the pane is narrow for its font
  std::vector<float> row_mid_y_;          // per depth: the middle of the last row drawn at that depth (connectors)
  DrawnSchedule drawn_;
};

}  // namespace hl::app
