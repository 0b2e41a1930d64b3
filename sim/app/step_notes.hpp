// The built-in short explanation of a step, shown in the lesson pane until a lesson's own
// text covers it. Tables keyed by handshake type and content type, not a switch. Pure logic, no ImGui.
#pragma once

#include <string>

#include "core/model/transcript.hpp"

namespace hl::app {

/// A short heading and two or three sentences for a learner about this step.
struct StepNote {
  std::string heading;
  std::string text;
};

/// The note for a step: the table's text for its first message or content type (records), or the
/// engine's own sentence (events), with the protection and direction spelled out.
StepNote step_note(const Step& step);

}  // namespace hl::app
