// The trace as text for a person in a terminal: numbered steps, arrows, sizes, events explained.
#pragma once

#include <string>

#include "core/model/transcript.hpp"

namespace hl {

/// Renders every step, then the negotiated parameters (or why the run failed).
std::string trace_to_text(const Transcript& transcript, const std::string& heading);

/// One step's line as trace_to_text prints it ("  1  client ──▶ server    248 B  ClientHello"),
/// an event's detail lines below it; index counts from 1.
std::string trace_step_text(std::size_t index, const Step& step);

/// The run's result as trace_to_text ends: the negotiated parameters or why it failed, then
/// what Mallory read and changed when she was there.
std::string trace_result_text(const Transcript& transcript);

}  // namespace hl
