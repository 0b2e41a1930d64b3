// "What comes next" for predict questions, from the handshake flows table
// (core/model/flows.hpp): what the run's flow expects before a step is shown, and a check
// that each predict question about a TLS message asks for a message the flow expects there.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/lessons/loader.hpp"
#include "core/model/flows.hpp"
#include "core/model/transcript.hpp"

namespace hl {

/// A flow row in words: "server: EncryptedExtensions", "client: ChangeCipherSpec (optional)".
std::string describe_row(const flows::Row& row);

/// What the run's flow expects just before step `index`, in one sentence: "Next in the TLS 1.3
/// full handshake: server: ServerHello." Empty when the step carries no TLS message.
std::string flow_expectation(const Transcript& transcript, std::size_t index);

/// One file:line error per predict question asked before a TLS record whose first message the
/// run's flow does not expect at that point (the question would teach a wrong order).
std::vector<LessonError> validate_predictions(const Lesson& lesson, const Transcript& transcript);

}  // namespace hl
