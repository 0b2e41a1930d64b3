// The trace as text for a person in a terminal: numbered steps, arrows, sizes, events explained.
#pragma once

#include <string>

#include "core/model/transcript.hpp"

namespace hl {

/// Renders every step, then the negotiated parameters (or why the run failed).
std::string trace_to_text(const Transcript& transcript, const std::string& heading);

}  // namespace hl
